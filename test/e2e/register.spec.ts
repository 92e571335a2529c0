import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, expectFocused, Keys, openDesk, shoot } from './desk.js';
import { badCheck, makeId } from '../helpers/ids.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

const ZHANG = makeId('1968-03-15', 123);

async function open(page: Page): Promise<void> {
  await openDesk(page, server, '#/intake');
  await expectFocused(page, 'person-search');
}

/** A person with one matter, registered through the API as the desk would have done before. */
async function seedPerson(page: Page, name: string, idNumber: string, category = '国土资源水利林业') {
  return api<{ matterId: number; caseNo: string; personIds: number[] }>(page, 'visits.register', {
    participants: [{ person: { name, idNumber, phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category, request: '要求兑现征地补偿款' },
  });
}

/** Picks purpose and category by pinyin initials and types the request. */
async function fillMatter(page: Page, keys: Keys, request: string): Promise<void> {
  await expectFocused(page, 'm-purpose');
  await keys.type('ss');
  await expect(page.locator('.el-select-dropdown__item:visible')).toHaveText(['申诉求决']);
  await keys.press('Enter');
  await expectFocused(page, 'm-category');
  await keys.type('gt');
  await expect(page.locator('.el-select-dropdown__item:visible')).toHaveText(['国土资源水利林业']);
  await keys.press('Enter');
  await expectFocused(page, 'm-request');
  await keys.typeText(request);
}

test('registers a new visitor and the matter from the keyboard alone', async ({ page }) => {
  await open(page);
  const keys = new Keys(page);
  await keys.type('张三');
  await expect(page.getByTestId('person-none')).toBeVisible();
  await keys.press('Enter');
  await expectFocused(page, 'np-id'); // name came from the search box
  await keys.type(ZHANG);
  await keys.press('Enter');
  await expectFocused(page, 'np-phone');
  await keys.type('13812345678');
  await keys.press('Enter');
  await expectFocused(page, 'np-village');
  await keys.type('dfc');
  await expect(page.locator('.el-select-dropdown__item:visible')).toHaveText(['东风村']);
  await keys.press('Enter'); // picks the village and moves on, like every other box
  await expectFocused(page, 'np-address');
  await keys.type('东风村三组');
  await keys.press('Enter'); // advances to 加入来访人
  await keys.press('Enter');
  await expect(page.getByTestId('participant')).toHaveText(/张三\s*男\s*3415\*{10}/);
  await fillMatter(page, keys, '征地补偿款至今未兑现，要求尽快发放');
  // A scan comes from the scanner's file chooser; its bytes are stored under their SHA-256.
  const scan = Buffer.from('%PDF-1.4 扫描的征地协议');
  await page.getByTestId('attach-input').setInputFiles({ name: '征地协议.pdf', mimeType: 'application/pdf', buffer: scan });
  await expect(page.getByText('征地协议.pdf')).toBeVisible();
  await shoot(page, 'register-form');
  await keys.press('Control+s');

  await expect(page.getByTestId('done-case-no')).toHaveText(/^ZMQ-\d{4}-000001$/);
  await expectFocused(page, 'done-receipt');
  await shoot(page, 'register-done');
  const hits = await api<{ name: string; village: string; openMatters: number }[]>(page, 'persons.search', { q: 'zs' });
  expect(hits).toEqual([expect.objectContaining({ name: '张三', village: '东风村', openMatters: 1 })]);
  const sha = createHash('sha256').update(scan).digest('hex');
  expect(fs.readFileSync(path.join(server.dataDir, 'attachments', sha.slice(0, 2), sha))).toEqual(scan);
});

test('finds a returning visitor by pinyin initials and by ID tail, within the keystroke budget', async ({ page }) => {
  await open(page);
  await seedPerson(page, '张三', ZHANG);
  const keys = new Keys(page);
  await keys.type('zs');
  await expect(page.getByTestId('person-hit')).toHaveCount(1);
  await expect(page.getByTestId('person-hit')).toContainText('138****5678');
  await keys.press('Enter');
  await expect(page.getByTestId('participant')).toContainText('张三');
  await expect(page.getByTestId('repeat-panel')).toContainText('国土资源水利林业');
  await fillMatter(page, keys, '另一件事：要求解决孩子入学问题');
  await keys.press('Control+s');
  await expect(page.getByTestId('done-case-no')).toHaveText(/^ZMQ-\d{4}-000002$/);
  console.log(`returning visitor, new matter: ${keys.count} keystrokes plus the matter text`);
  expect(keys.count).toBeLessThanOrEqual(40);

  await keys.press('Escape'); // next visitor
  await expectFocused(page, 'person-search');
  await keys.type(ZHANG.slice(-4));
  await expect(page.getByTestId('person-hit')).toHaveCount(1);
  await keys.press('Enter');
  await expect(page.getByTestId('participant')).toContainText('张三');
  await expect(page.getByTestId('repeat-panel').locator('label')).toHaveCount(3); // new + two matters
});

test('a repeat visit joins the existing matter instead of opening a new one', async ({ page }) => {
  await open(page);
  const seeded = await seedPerson(page, '张三', ZHANG);
  const keys = new Keys(page);
  await keys.type(ZHANG.slice(-6));
  await keys.press('Enter');
  await expect(page.getByTestId('repeat-panel')).toBeVisible();
  await keys.press('Alt+r');
  await expect(page.getByTestId(`matter-existing-${seeded.matterId}`)).toHaveClass(/is-checked/);
  await expect(page.getByTestId('m-request')).toHaveCount(0); // the matter exists: nothing to retype
  await shoot(page, 'register-repeat');
  await keys.press('Control+s');
  await expect(page.getByTestId('register-done')).toContainText('重复访');
  await expect(page.getByTestId('done-case-no')).toHaveText(seeded.caseNo);
  console.log(`repeat visit: ${keys.count} keystrokes`);
  const matters = await api<{ caseNo: string; visits: number }[]>(page, 'matters.ofPersons', { personIds: seeded.personIds });
  expect(matters).toEqual([expect.objectContaining({ caseNo: seeded.caseNo, visits: 2 })]);
});

test('a group of six takes five representatives and refuses a sixth', async ({ page }) => {
  await open(page);
  const ids = Array.from({ length: 6 }, (_, i) => makeId('1975-06-01', 301 + i * 2));
  for (const [i, id] of ids.entries()) await seedPerson(page, `村民${'甲乙丙丁戊己'[i]}`, id, '农村农业');
  const keys = new Keys(page);
  for (const [i, id] of ids.entries()) {
    await keys.press('F2');
    await expectFocused(page, 'person-search');
    await keys.type(id.slice(-4));
    await keys.press('Enter'); // at once: the pick waits for the answer to the last keystroke
    await expect(page.getByTestId('participant')).toHaveCount(i + 1);
    await expectFocused(page, 'm-purpose');
  }
  await expect(page.getByTestId('participant')).toHaveCount(6);
  await expect(page.getByTestId('group-note')).toBeVisible();
  await keys.press('F2'); // the participant rows follow the search box in Tab order
  for (let i = 0; i < 6; i++) {
    await keys.tabTo(page.getByTestId(`rep-${i}`));
    await keys.press('Space');
  }
  await keys.tabTo(page.getByTestId('m-purpose'));
  await fillMatter(page, keys, '六户村民反映土地流转租金拖欠');
  await keys.press('Control+s');
  const rows = page.getByTestId('participant');
  await expect(rows.nth(5).getByTestId('participant-error')).toHaveText('集体访推选代表不得超过 5 人');
  await expect(page.getByTestId('register-done')).toHaveCount(0);
  await shoot(page, 'register-group-refused');

  await keys.press('F2');
  await keys.tabTo(page.getByTestId('rep-5'));
  await keys.press('Space');
  await keys.press('Control+s');
  await expect(page.getByTestId('register-done')).toBeVisible();
  const matters = await api<{ isGroup: boolean; personIds: number[] }[]>(page, 'matters.ofPersons', { personIds: [1] });
  const group = matters.find((m) => m.personIds.length === 6);
  expect(group?.isGroup).toBe(true);
});

test('a wrong check character is refused next to the field and nothing is saved', async ({ page }) => {
  await open(page);
  const keys = new Keys(page);
  await keys.type('王五');
  await expect(page.getByTestId('person-none')).toBeVisible();
  await keys.press('Enter');
  await expectFocused(page, 'np-id');
  await keys.type(badCheck(ZHANG));
  await keys.press('Enter');
  await keys.tabTo(page.getByTestId('np-add'));
  await keys.press('Enter');
  await expect(page.getByTestId('np-id').locator('.el-form-item__error')).toHaveText('身份证号校验位不正确，请核对号码');
  await expect(page.getByTestId('participant')).toHaveCount(0);
  await shoot(page, 'register-bad-id');
  expect(await api(page, 'persons.search', { q: '王五' })).toEqual([]);
  expect(await api(page, 'persons.search', { q: ZHANG.slice(-4) })).toEqual([]);
});
