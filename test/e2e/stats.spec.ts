// 统计研判 end to end: pick last month, see 三无 and 零上访村, open the matters behind a figure, export
// the workbook and read it back with exceljs, print the 月通报 to PDF and find the figures in its text.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
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

const pad = (n: number) => String(n).padStart(2, '0');
const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
const last = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
const lastDay = (d: number) => `${last.y}-${pad(last.m)}-${pad(d)}`;
const lastLabel = `${last.y}年${last.m}月`;

let seq = 300;
async function register(page: Page, on: string, village: number, o: { skip?: boolean; personId?: number } = {}) {
  return api<{ matterId: number; caseNo: string; personIds: number[] }>(page, 'visits.register', {
    participants: [{ person: o.personId ? { personId: o.personId } : { name: '李四', idNumber: makeId('1975-06-01', (seq += 2)) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${on}T09:30:00+08:00` },
    matter: { purpose: '申诉求决', category: '劳动社保', request: '追讨工资', placeVillageId: village, ...(o.skip ? { levelSkips: [{ level: 'beijing', visitedOn: on, abnormal: true }] } : {}) },
  });
}

test('last month: 三无 and 零上访村, the matters behind a figure, Excel, the printed 月通报', async ({ page }) => {
  await openDesk(page, server);
  const villages = await api<{ id: number; name: string }[]>(page, 'villages.list', {});
  const [v1, v2] = villages;
  // Three matters last month (two in V1, one in V2; one went to Beijing), one this month.
  const a = await register(page, lastDay(3), v1!.id);
  const b = await register(page, lastDay(10), v1!.id, { skip: true });
  const c = await register(page, lastDay(20), v2!.id);
  await api(page, 'matters.step', { matterId: a.matterId, type: 'accept', on: lastDay(5), data: {} });
  await register(page, today, v1!.id);

  await page.goto(`${server.url}#/stats`);
  await page.getByTestId('stats-last-month').click();
  await expect(page.getByTestId('stats-period-label')).toContainText(lastLabel);
  await expect(page.getByTestId('fig-registered-value')).toHaveText('3');
  await expect(page.getByTestId('stats-sanwu')).toContainText('未达标');
  await expect(page.getByTestId('stats-villages')).toContainText(`${villages.length - 2} / ${villages.length}`);
  await shoot(page, 'stats');

  await page.getByRole('tab', { name: '三无与零上访村' }).click();
  await expect(page.getByTestId('sanwu-breakers')).toContainText(b.caseNo);
  await expect(page.getByTestId('villages-with-petitions')).toContainText(`${v1!.name}2`);
  await page.getByRole('tab', { name: '图表' }).click();
  await expect(page.getByTestId('chart-trend').locator('svg')).toBeVisible();
  await shoot(page, 'stats-charts');
  await page.getByRole('tab', { name: '指标' }).click();

  // The matters behind 登记信访事项: the three, with masked ID numbers.
  await page.getByTestId('fig-registered-num').click();
  const dialog = page.getByTestId('figure-matters');
  await expect(dialog.getByTestId('figure-matters-total')).toHaveText('共 3 件');
  for (const x of [a, b, c]) await expect(dialog).toContainText(x.caseNo);
  await expect(dialog).toContainText(/3415\*{10}\d{3}[\dX]/);
  await shoot(page, 'stats-matters');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Excel: the same numbers as the page.
  const download = page.waitForEvent('download');
  await page.getByTestId('stats-xlsx').click();
  const file = path.join('test-results', 'stats-e2e.xlsx');
  await (await download).saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows = new Map<string, ExcelJS.Row>();
  wb.getWorksheet('指标')!.eachRow((r) => rows.set(String(r.getCell(1).value), r));
  expect(rows.get('登记信访事项')!.getCell(2).value).toBe(3);
  expect(rows.get('及时受理率')!.getCell(3).value).toBe(1); // a accepted in time; b and c not yet due or late
  const villagesSheet = wb.getWorksheet('零上访村')!;
  expect(villagesSheet.getRow(3).getCell(2).value).toBeCloseTo((villages.length - 2) / villages.length, 6);
  fs.rmSync(file);

  // The printed 月通报: A4, with the figures in its text.
  await page.getByTestId('stats-print').click();
  await expect(page.getByTestId('stats-report-title')).toHaveText('信访工作月通报');
  await expect(page.getByTestId('stats-report-period')).toContainText(lastLabel);
  await expect(page.getByTestId('chart-rates').locator('svg')).toBeVisible();
  await shoot(page, 'stats-report');
  const pdf = path.join('test-results', 'stats-e2e.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('信访工作月通报');
  expect(text).toContain(lastLabel);
  const prose = text.replace(/\s+/g, ''); // the summary paragraph wraps across lines
  expect(prose).toContain('本期共登记信访事项3件');
  expect(prose).toContain('“三无”未达标（进京非正常上访1件，进京越级上访1件）');
  expect(prose).toContain(`零上访村（社区）${villages.length - 2}个`);
  // 及时受理率: a told in time; b and c count against the township once their 15 days have passed.
  const plus15 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
  const den = 1 + [lastDay(10), lastDay(20)].filter((d) => plus15(d) < today).length;
  expect(text).toMatch(new RegExp(`及时受理率\\s+${((100 / den)).toFixed(1).replace('.', '\\.')}%\\s+1/${den}`));
  fs.rmSync(pdf);
});

test('early warnings: the same person twice within 7 days shows in the frame and the list', async ({ page }) => {
  await openDesk(page, server);
  const villages = await api<{ id: number }[]>(page, 'villages.list', {});
  const first = await register(page, shift(-2), villages[0]!.id);
  await register(page, today, villages[0]!.id, { personId: first.personIds[0]! });
  await page.goto(`${server.url}#/stats`);
  await expect(page.getByTestId('stats-badge')).toHaveText('1');
  await page.getByRole('tab', { name: /预警/ }).click();
  await expect(page.getByTestId('warning-repeatPerson')).toContainText('7 日内来访 2 次');
});
