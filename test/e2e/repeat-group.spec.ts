import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, expectFocused, openDesk, shift, shoot, today } from './desk.js';
import { makeId } from '../helpers/ids.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

const ZHANG = makeId('1968-03-15', 123);
type Reg = { matterId: number; caseNo: string; personIds: number[] };

async function matterOn(page: Page, person: { personId: number } | { name: string; idNumber: string }, daysAgo: number, request: string): Promise<Reg> {
  return api<Reg>(page, 'visits.register', {
    participants: [{ person }],
    visit: { headcount: 1, involved: 1, visitedAt: `${shift(-daysAgo)}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', request },
  });
}

async function steps(page: Page, matterId: number, list: [string, number, Record<string, string>?][]): Promise<void> {
  for (const [type, daysAgo, data] of list) await api(page, 'matters.step', { matterId, type, on: shift(-daysAgo), data: data ?? {} });
}

const REPLY = { facts: '经核实', basis: '《土地管理法》', decision: '补偿款已按标准发放' };

test('a repeat visit on a closed matter warns, shows each matter\'s state and offers a 复查 request or a plain record', async ({ page }) => {
  test.setTimeout(60_000);
  await openDesk(page, server, '#/intake');
  const closed = await matterOn(page, { name: '张三', idNumber: ZHANG }, 50, '要求兑现征地补偿款');
  await steps(page, closed.matterId, [['accept', 48], ['reply', 20, REPLY], ['close', 19]]);
  const final = await matterOn(page, { personId: closed.personIds[0]! }, 300, '要求重新丈量宅基地');
  await steps(page, final.matterId, [['accept', 298], ['reply', 250, REPLY], ['review_request', 240], ['review_result', 210, { outcome: '维持' }], ['recheck_request', 200], ['recheck_result', 170, { outcome: '维持' }]]);

  await expectFocused(page, 'person-search');
  await page.keyboard.type(ZHANG.slice(-4));
  await expect(page.getByTestId('person-hit')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('repeat-panel')).toBeVisible();
  await expect(page.getByTestId(`matter-state-${closed.matterId}`)).toHaveText('已办结');
  await expect(page.getByTestId(`matter-state-${final.matterId}`)).toHaveText('复核终结');

  // 复核终结: marked, no 复查 offered.
  await page.getByTestId(`matter-existing-${final.matterId}`).click();
  await expect(page.getByTestId('repeat-final')).toContainText('同一事实和理由再次提出的信访不再受理');
  await expect(page.getByTestId('repeat-review')).toHaveCount(0);

  // Closed within the 复查 period: the three choices.
  await page.getByTestId(`matter-existing-${closed.matterId}`).click();
  await expect(page.getByTestId('repeat-closed')).toContainText('该事项当前为“已办结”');
  await expect(page.getByTestId('matter-new')).toBeVisible();
  await expect(page.getByTestId('repeat-record')).toBeVisible();
  await expect(page.getByTestId('repeat-review')).toContainText(`前可申请`);
  await shoot(page, 'register-repeat-closed');
  await page.getByTestId('repeat-review').click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('done-case-no')).toHaveText(closed.caseNo);
  await expect(page.getByTestId('done-no-due')).toBeVisible(); // no stale 15-day date
  await expect(page.getByTestId('done-due')).toHaveCount(0);
  await expect(page.getByTestId('done-review')).toHaveText('已记录复查申请');
  const detail = await api<{ status: { state: string }; visits: unknown[] }>(page, 'matters.get', { matterId: closed.matterId });
  expect(detail.status.state).toBe('review');
  expect(detail.visits).toHaveLength(2);

  // Recording only: the 复核终结 matter takes the visit and stays as it was.
  await page.keyboard.press('Escape');
  await expectFocused(page, 'person-search');
  await page.keyboard.type(ZHANG.slice(-4));
  await expect(page.getByTestId('person-hit')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await page.getByTestId(`matter-existing-${final.matterId}`).click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('done-no-due')).toBeVisible();
  expect((await api<{ status: { state: string } }>(page, 'matters.get', { matterId: final.matterId })).status.state).toBe('final');
});

test('a group visit shows its representatives on the receipt, the queue, the matter page and the day sheet, with a history link for everyone', async ({ page }) => {
  test.setTimeout(60_000);
  await openDesk(page, server);
  const names = ['村民甲', '村民乙', '村民丙', '村民丁', '村民戊'];
  const reg = await api<Reg>(page, 'visits.register', {
    participants: names.map((name, i) => ({ person: { name, idNumber: makeId('1975-06-01', 301 + i * 2) }, representative: i === 1 || i === 3 })),
    visit: { headcount: 12, involved: 40 },
    matter: { purpose: '申诉求决', category: '农村农业', request: '土地流转租金拖欠' },
  });

  await page.goto(`${server.url}#/receipt/${reg.matterId}`);
  await expect(page.getByTestId('receipt-group')).toHaveText('集体访');
  await expect(page.getByTestId('receipt-persons')).toContainText('村民甲、村民乙（代表）、村民丙、村民丁（代表）、村民戊（共 5 人）');
  await shoot(page, 'receipt-group');

  await page.goto(`${server.url}#/today`);
  await expect(page.getByTestId('queue-reps')).toHaveText('代表：村民乙、村民丁');
  await page.getByTestId('queue-row').first().click();
  await expect(page.getByTestId('visitor-rep')).toHaveCount(2);
  await expect(page.getByTestId('visitor-history')).toHaveCount(5);
  await shoot(page, 'today-group');

  await page.goto(`${server.url}#/matters/${reg.matterId}`);
  await expect(page.getByTestId('detail-group')).toBeVisible();
  await expect(page.getByTestId('detail-person')).toHaveCount(5);
  await expect(page.getByTestId('detail-rep')).toHaveCount(2);
  await expect(page.getByTestId('visit-reps')).toHaveText('代表：村民乙、村民丁');
  await shoot(page, 'matter-group');

  await page.goto(`${server.url}#/today/sheet/${today}`);
  // The queue and its sheet name the representatives first.
  await expect(page.getByTestId('day-sheet-persons')).toHaveText('村民乙（代表）、村民丁（代表）、村民甲、村民丙、村民戊');
  await shoot(page, 'day-sheet-group');
});
