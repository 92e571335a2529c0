// The loop after 转送/交办 through the screens: 转送 to a 站所, the unit's 签收, 办理反馈 and 办结报告, and
// the matter on the list by unit at each stage.
import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, openDesk, shift, shoot } from './desk.js';
import { makeId } from '../helpers/ids.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

async function pick(page: Page, field: string, option: string, type = false): Promise<void> {
  const dialog = page.getByTestId('step-dialog');
  await dialog.getByTestId(`step-${field}`).locator('.el-select').click();
  if (type) await page.keyboard.type(option);
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${option}$`) }).click();
}

async function save(page: Page): Promise<void> {
  const dialog = page.getByTestId('step-dialog');
  await dialog.locator('input, textarea').first().press('Control+Enter');
  await expect(dialog).toBeHidden();
}

test('转送 a matter to a 站所, 签收, 办理反馈, 办结报告: on the matter page and the list by unit', async ({ page }) => {
  await openDesk(page, server);
  const { matterId, caseNo } = await api<{ matterId: number; caseNo: string }>(page, 'visits.register', {
    participants: [{ person: { name: '周八', idNumber: makeId('1972-07-07', 611) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${shift(-20)}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '政法', request: '邻里纠纷调解' },
  });
  await page.goto(`${server.url}#/matters/${matterId}`);
  await page.getByTestId('do-transfer').click();
  await pick(page, 'mode', '转送');
  await pick(page, 'unit', '司法所', true);
  const date = page.getByTestId('step-dialog').getByTestId('step-on').locator('input');
  await date.fill(shift(-10));
  await date.press('Enter');
  await save(page);
  await expect(page.getByTestId('detail-state')).toHaveText('已转送/交办');
  const loop = page.getByTestId('loop');
  await expect(loop).toContainText('转送 司法所');
  // Ten days on, the 3-day sign-for is late.
  await expect(loop.getByTestId('loop-sign')).toContainText('超期');

  await page.getByTestId('link-units').count(); // the matters page links here; go straight to it
  await page.goto(`${server.url}#/units`);
  await expect(page.getByTestId('unit-load').filter({ hasText: '司法所' })).toContainText('超期 1');
  await expect(page.getByTestId('loop-list')).toContainText(caseNo);
  await expect(page.getByTestId('loop-stage')).toHaveText('待签收');

  await page.goto(`${server.url}#/matters/${matterId}`);
  await page.getByTestId('do-unit_sign').click();
  await page.getByTestId('step-dialog').getByTestId('step-receiver').locator('input').fill('吴所长');
  await save(page);
  await expect(loop.getByTestId('loop-sign')).toContainText('吴所长');
  await page.getByTestId('do-unit_feedback').click();
  await page.getByTestId('step-dialog').getByTestId('step-progress').locator('textarea').fill('已约双方到所调解');
  await save(page);
  await expect(loop.getByTestId('loop-feedback')).toContainText('1 次');
  await shoot(page, 'matter-loop');

  await page.goto(`${server.url}#/units`);
  await expect(page.getByTestId('loop-stage')).toHaveText('办理中');
  await page.getByTestId('unit-load').filter({ hasText: '司法所' }).getByRole('button').click();
  await expect(page.getByTestId('loop-list')).toContainText(caseNo);
  await shoot(page, 'unit-loop');

  await page.goto(`${server.url}#/matters/${matterId}`);
  await page.getByTestId('do-unit_report').click();
  await page.getByTestId('step-dialog').getByTestId('step-result').locator('textarea').fill('调解成功，签订协议');
  await save(page);
  await expect(loop.getByTestId('loop-report')).not.toContainText('限');
  await expect(page.getByTestId('timeline-event').first()).toContainText('办结报告');

  await page.goto(`${server.url}#/units`);
  await expect(page.getByTestId('loop-list')).not.toContainText(caseNo);
  await page.getByTestId('loop-views').getByText('全部').click();
  await expect(page.getByTestId('loop-stage')).toHaveText('已办结');
});
