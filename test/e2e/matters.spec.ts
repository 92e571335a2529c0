import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, openDesk, shift, shoot, today } from './desk.js';
import { makeId } from '../helpers/ids.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

const zh = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

async function seedMatter(page: Page, visitedOn: string): Promise<{ matterId: number; caseNo: string }> {
  return api(page, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: makeId('1968-03-15', 123) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${visitedOn}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
  });
}

async function overdueCaseNos(page: Page): Promise<string[]> {
  await page.goto(`${server.url}#/matters?view=overdue`);
  await expect(page.getByTestId('matter-list')).toHaveAttribute('data-loaded', 'true');
  return page.getByTestId('matter-row').locator('td.mono').allTextContents();
}

/** Opens a step's dialog, fills its fields and date, and submits with Ctrl+Enter. */
async function doStep(page: Page, step: string, fields: Record<string, string>, on: string): Promise<void> {
  await page.getByTestId(`do-${step}`).click();
  const dialog = page.getByTestId('step-dialog');
  await expect(dialog).toBeVisible();
  for (const [key, value] of Object.entries(fields)) {
    const box = dialog.getByTestId(`step-${key}`).locator('input, textarea').first();
    await box.fill(value);
  }
  const date = dialog.getByTestId('step-on').locator('input');
  await date.fill(on);
  await date.press('Enter');
  await dialog.locator('input, textarea').first().press('Control+Enter');
  await expect(dialog).toBeHidden();
}

test('accept, extend, reply, close both tracks: the matter leaves the overdue list', async ({ page }) => {
  await openDesk(page, server);
  const { matterId, caseNo } = await seedMatter(page, shift(-80));
  expect(await overdueCaseNos(page)).toContain(caseNo); // never told whether accepted
  await expect(page.getByTestId('matters-badge')).toHaveText('1');

  await page.getByTestId('matter-list').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-case-no')).toHaveText(caseNo);
  await expect(page.getByTestId('detail-state')).toHaveText('待受理');

  await doStep(page, 'accept', {}, shift(-75));
  await expect(page.getByTestId('detail-state')).toHaveText('已受理');
  await expect(page.getByTestId('detail-due')).toContainText(`办结并书面答复：${zh(shift(-15))}（已超期 15 天）`);
  expect(await overdueCaseNos(page)).toContain(caseNo); // 60 days from acceptance have passed

  await page.goto(`${server.url}#/matters/${matterId}`);
  await doStep(page, 'extend', { days: '30', approver: '镇长王某', reason: '涉及多部门会商' }, shift(-20));
  await expect(page.getByTestId('detail-state')).toHaveText('已延期');
  await expect(page.getByTestId('detail-due')).toContainText(`${zh(shift(15))}（剩 15 天）`);
  // A second extension is not even offered.
  await expect(page.getByTestId('do-extend')).toHaveCount(0);
  await shoot(page, 'matter-detail');
  expect(await overdueCaseNos(page)).not.toContain(caseNo);
  await expect(page.getByTestId('matters-badge')).toHaveCount(0);

  await page.goto(`${server.url}#/matters/${matterId}`);
  await doStep(page, 'reply', { facts: '补偿款已拨付到村', basis: '《土地管理法》及省征地补偿标准', decision: '三日内发放到户' }, shift(-2));
  await doStep(page, 'close', {}, shift(-1));
  await expect(page.getByTestId('detail-state')).toHaveText('已办结');
  await page.getByTestId('do-inquiry').click();
  const dialog = page.getByTestId('step-dialog');
  await dialog.getByTestId('step-causeType').locator('input').fill('作风');
  await page.keyboard.press('Enter');
  await dialog.getByTestId('step-findings').locator('textarea').fill('村干部拖延发放补偿款');
  await dialog.getByTestId('step-findings').locator('textarea').press('Control+Enter');
  await expect(dialog).toBeHidden();
  await doStep(page, 'inquiry_close', {}, today);
  await expect(page.getByTestId('do-inquiry')).toHaveCount(0);
  await expect(page.getByTestId('timeline-event')).toHaveCount(7);

  await page.goto(`${server.url}#/matters?view=closed`);
  await expect(page.getByTestId('matter-row')).toHaveCount(1);
  await expect(page.getByTestId('matter-row')).toContainText('已办结');
  await shoot(page, 'matters-closed');
});

test('an illegal or bad step is refused in Chinese and nothing is recorded', async ({ page }) => {
  await openDesk(page, server);
  const { matterId } = await seedMatter(page, shift(-3));
  await page.goto(`${server.url}#/matters/${matterId}`);
  await doStep(page, 'accept', {}, shift(-1));
  await page.getByTestId('do-extend').click();
  const dialog = page.getByTestId('step-dialog');
  await dialog.getByTestId('step-days').locator('input').fill('45');
  await dialog.getByTestId('step-approver').locator('input').fill('镇长');
  await dialog.getByTestId('step-reason').locator('textarea').fill('需会商');
  await dialog.getByTestId('step-reason').locator('textarea').press('Control+Enter');
  await expect(dialog.getByTestId('step-days').locator('.el-form-item__error')).toHaveText('延长期限不得超过 30 日');
  await shoot(page, 'matter-step-error');
  const d = await api<{ events: unknown[] }>(page, 'matters.get', { matterId });
  expect(d.events).toHaveLength(2);
});

test('prints the 受理告知书 with the right dates', async ({ page }) => {
  await openDesk(page, server);
  await api(page, 'system.configure', { phone: '0564-8621234' });
  const { matterId, caseNo } = await seedMatter(page, shift(-10));
  await api(page, 'matters.step', { matterId, type: 'accept', on: shift(-5), data: {} });
  await page.goto(`${server.url}#/matters/${matterId}`);
  await page.getByTestId('notice-accept').click();
  await expect(page.getByTestId('notice-title')).toHaveText('信访事项受理告知书');
  await shoot(page, 'notice-accept');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: 'test-results/notice-accept.pdf', format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['test-results/notice-accept.pdf', '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('信访事项受理告知书');
  expect(text).toContain(caseNo);
  expect(text).toContain(`${zh(shift(-10))}提出`);
  expect(text).toContain(`已于${zh(shift(-5))}决定受理`);
  expect(text).toContain(`于${zh(shift(55))}前出具`);
  expect(text).toContain('舒城县张母桥镇综治维稳信访工作中心');
  expect(text).toContain('0564-8621234');
  expect(text).not.toContain('返回事项');
  expect(execFileSync('pdfinfo', ['test-results/notice-accept.pdf'], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
});
