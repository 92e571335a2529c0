import fs from 'node:fs';
import ExcelJS from 'exceljs';
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

async function seed(page: Page, name: string, id: string, category: string, request: string, daysAgo: number): Promise<{ caseNo: string }> {
  return api(page, 'visits.register', {
    participants: [{ person: { name, idNumber: id } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${shift(-daysAgo)}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category, request },
  });
}

async function caseNos(page: Page): Promise<string[]> {
  await expect(page.getByTestId('matter-list')).toHaveAttribute('data-loaded', 'true');
  return page.getByTestId('matter-row').locator('td.mono').allTextContents();
}

test('the 信访事项 list filters by name, ID tail, category, state and date range, and exports what it shows to xlsx', async ({ page }) => {
  test.setTimeout(60_000);
  await openDesk(page, server);
  const zhang = await seed(page, '张三', makeId('1968-03-15', 123), '国土资源水利林业', '要求兑现征地补偿款', 40);
  const li = await seed(page, '李四', makeId('1972-07-09', 457), '劳动社保', '要求补缴养老保险', 10);
  const wang = await seed(page, '王五', makeId('1980-01-20', 789), '劳动社保', '拖欠工资', 2);
  await page.goto(`${server.url}#/matters?view=all`);
  expect((await caseNos(page)).sort()).toEqual([zhang.caseNo, li.caseNo, wang.caseNo].sort());

  const q = page.getByTestId('matter-q');
  await q.fill('李四');
  await expect.poll(() => caseNos(page)).toEqual([li.caseNo]);
  await q.fill(makeId('1980-01-20', 789).slice(-4)); // ID tail
  await expect.poll(() => caseNos(page)).toEqual([wang.caseNo]);
  await q.fill('');
  await expect.poll(async () => (await caseNos(page)).length).toBe(3);

  await page.getByTestId('matter-category').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '劳动社保' }).click();
  await expect.poll(async () => (await caseNos(page)).sort()).toEqual([li.caseNo, wang.caseNo].sort());
  await page.getByTestId('matter-state').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '待受理' }).click();
  await expect.poll(async () => (await caseNos(page)).length).toBe(2);

  // Registered within the last five days: only 王五's.
  const start = page.getByTestId('matter-range').locator('input').first();
  await start.click();
  await start.fill(shift(-5));
  const end = page.getByTestId('matter-range').locator('input').nth(1);
  await end.fill(shift(0));
  await end.press('Enter');
  await expect.poll(() => caseNos(page)).toEqual([wang.caseNo]);
  await page.keyboard.press('Escape');
  // The filters live in the address, so a reload (or a link) shows the same list.
  await page.goto(`${server.url}#/matters?view=all&category=${encodeURIComponent('劳动社保')}`);
  await page.reload();
  await expect.poll(async () => (await caseNos(page)).sort()).toEqual([li.caseNo, wang.caseNo].sort());
  await shoot(page, 'matter-list-filtered');

  const download = page.waitForEvent('download');
  await page.getByTestId('matter-export').click();
  const file = await (await download).path();
  await expect(page.getByTestId('matter-export-note')).toHaveText('已导出 2 条');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('信访事项')!;
  const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
  expect(values(1).slice(0, 6)).toEqual(['案件编号', '登记时间', '信访人', '内容分类', '诉求', '办理状态']);
  expect(ws.rowCount).toBe(3);
  const body = [values(2), values(3)];
  expect(body.map((r) => r[0]).sort()).toEqual([li.caseNo, wang.caseNo].sort());
  expect(body.find((r) => r[0] === li.caseNo)!.slice(2, 6)).toEqual(['李四', '劳动社保', '要求补缴养老保险', '待受理']);
  // No ID number or phone leaves in the export.
  expect(JSON.stringify(body)).not.toContain(makeId('1972-07-09', 457));
});

test('导出全国登记项: a matter sent down from above, with its national record fields, in the record order', async ({ page }) => {
  await openDesk(page, server);
  const sent = await api<{ caseNo: string }>(page, 'visits.register', {
    participants: [{ person: { name: '陈一', idNumber: makeId('1966-06-06', 513) } }],
    visit: { channel: '上级转送', headcount: 1, involved: 1, receivedOn: shift(-2), source: { body: '舒城县信访局', number: '舒信转〔2026〕9号' } },
    matter: { purpose: '申诉求决', category: '民政', request: '低保未批', jointCount: 4, reportedParty: '镇民政办', urgent: true },
  });
  await page.goto(`${server.url}#/matters?view=all`);
  await expect(page.getByTestId('matter-channel').first()).toHaveText('上级转送 · 舒城县信访局 舒信转〔2026〕9号');
  const download = page.waitForEvent('download');
  await page.getByTestId('matter-export-national').click();
  const file = await (await download).path();
  await expect(page.getByTestId('matter-export-note')).toHaveText('已导出 1 条');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const row = (ws.getRow(2).values as unknown[]).slice(1);
  const at = (h: string) => row[header.indexOf(h)];
  expect(header.slice(0, 5)).toEqual(['信访件编号', '登记日期', '信访形式', '来源机关（上级转送/批示）', '来源文号']);
  expect([at('信访件编号'), at('登记日期'), at('信访形式'), at('来源文号')]).toEqual([sent.caseNo, shift(-2), '上级转送', '舒信转〔2026〕9号']);
  expect([at('是否联名'), at('联名人数'), at('被反映人/单位'), at('是否重大紧急'), at('是否初次信访')]).toEqual(['是', 4, '镇民政办', '是', '是']);
  expect(JSON.stringify(row)).not.toContain(makeId('1966-06-06', 513)); // the ID is masked
});
