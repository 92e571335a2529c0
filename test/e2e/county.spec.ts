/**
 * The county workstation end to end: two seeded township desks send their bundles, the clerk imports
 * them in the browser (each verified first), the standing table shows each township's figures equal
 * to that township's own 统计研判 report for the same period, and a person registered at both
 * townships is found at both.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { openCore } from '../../core/app.js';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import { createLogger } from '../../core/kernel/log.js';
import { startServer, type TestServer } from './server.js';
import { openDesk, shoot, today } from './desk.js';
import { makeId } from '../helpers/ids.js';

const CLI = path.resolve(import.meta.dirname, '../../out/node/core/cli/main.js');
const intake = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, INTAKE_DATA: '', INTAKE_COUNTY: '' } });
  if (r.status !== 0) throw new Error(`intake ${args.slice(0, 2).join(' ')}: ${r.stderr}`);
  return r.stdout;
};

const SHARED = { name: '储卫国', idNumber: makeId('1966-06-06', 77) };
// The standing table opens on last month, as the township's 统计研判 does.
const lastMonthOf = (d: string) => {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const end = new Date(Date.UTC(ly, lm, 0)).getUTCDate();
  return { from: `${ly}-${String(lm).padStart(2, '0')}-01`, to: `${ly}-${String(lm).padStart(2, '0')}-${end}` };
};
const period = lastMonthOf(today);
const COLUMNS = ['timelyDecision', 'timelyClose', 'participation', 'satisfaction', 'leaderResolution', 'firstOnce', 'backlogResolution'] as const;
const shown = (v: { value: number | null }) => (v.value === null ? '—' : `${(v.value * 100).toFixed(1)}%`);

let server: TestServer;
let county: string;
const bundles: string[] = [];
/** Each township's own report figures for the period, as its desk computes them. */
const own = new Map<string, Record<string, { value: number | null }>>();

test.beforeAll(async () => {
  test.setTimeout(300_000); // two seeded desks on a shared 2-core machine
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-e2e-county-ws-'));
  county = path.join(root, 'county');
  intake('county', 'init', '--county', county);
  for (const township of ['ZMQ', 'CG']) {
    const data = path.join(root, township);
    intake('seed', '--data', data, '--persons', '300', '--township', township, '--years', '1', '--seed', township);
    const core = openCore({ dataDir: data, township, log: createLogger(null, 'silent') });
    try {
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: SHARED.name, idNumber: SHARED.idNumber, phones: ['13912345678'] } }],
        visit: { headcount: 1, involved: 1 },
        matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: '要求兑现征地补偿款', levelSkips: [{ level: 'county' }] },
      });
      if (!r.ok) throw new Error(r.code);
      const report = core.call(LOCAL_SESSION, 'stats.report', period);
      if (!report.ok) throw new Error(report.code);
      own.set(township, Object.fromEntries(report.value.figures.map((f) => [f.id, f.current])));
    } finally {
      core.close();
    }
    const key = JSON.parse(intake('keys', 'show', '--data', data, '--json')) as { publicKey: string; fingerprint: string };
    intake('county', 'trust', 'add', '--county', county, '--township', township, '--key', key.publicKey, '--fingerprint', key.fingerprint);
    intake('bundle', 'set-county', '--data', data, '--card', path.join(county, 'county-card.json'));
    bundles.push(/^bundle:\s+(.+)$/m.exec(intake('bundle', 'export', '--data', data))![1]!);
  }
  server = await startServer({ county });
});
test.afterAll(async () => {
  await server?.stop();
});

test('the county imports two townships in the UI, ranks them with their own figures, and finds a person at both', async ({ page }) => {
  test.setTimeout(180_000);
  await openDesk(page, server, '#/county/imports');
  // A county: its own sections, none of the desk's.
  await expect(page.getByTestId('center-name')).toContainText('信访局');
  await expect(page.getByTestId('nav-county/standing')).toBeVisible();
  await expect(page.getByTestId('nav-intake')).toHaveCount(0);

  // Signing in lands on the role's first section, which may come after the address typed: go by the menu.
  await page.getByTestId('nav-county/imports').click();
  await expect(page.getByTestId('county-imports')).toBeVisible();
  await page.getByTestId('bundle-files').setInputFiles(bundles);
  const checks = page.getByTestId('check-table');
  await expect(checks.locator('tbody tr')).toHaveCount(2);
  await expect(checks).toContainText('张母桥镇');
  await expect(checks).toContainText('城关镇');
  await expect(checks).toContainText('签名：有效');
  await expect(checks).toContainText('的第一个数据包');
  await shoot(page, 'county-imports-checked');
  await page.getByTestId('import-all').click();
  await expect(page.getByTestId('result-ZMQ-1')).toHaveText('已导入', { timeout: 30_000 });
  await expect(page.getByTestId('result-CG-1')).toHaveText('已导入');
  await expect(page.getByTestId('received-table')).toContainText('正常');
  await shoot(page, 'county-imports-done');

  await page.getByTestId('nav-county/standing').click();
  // The first standing builds each township's replica: give it time on a loaded machine.
  await expect(page.getByTestId('standing-summary')).toContainText('已收到 2 / 22 个乡镇', { timeout: 30_000 });
  // Last month of seeded data has matters: the figures are numbers, not all dashes.
  // (Last month's replies may still be inside their 30-day evaluation window, so 参评率 and 满意率 can be dashes.)
  expect(COLUMNS.filter((id) => own.get('ZMQ')![id]!.value !== null).length).toBeGreaterThanOrEqual(3);
  for (const township of ['ZMQ', 'CG']) {
    for (const id of COLUMNS) await expect(page.getByTestId(`cell-${township}-${id}`), `${township} ${id}`).toHaveText(shown(own.get(township)![id]!));
  }
  await shoot(page, 'county-standing');

  // The workbook: the ranking with the townships' own figures, the same as the page.
  const download = page.waitForEvent('download');
  await page.getByTestId('standing-xlsx').click();
  const xlsx = path.join('test-results', 'county-e2e.xlsx');
  await (await download).saveAs(xlsx);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ranking = new Map<string, unknown[]>();
  wb.getWorksheet('排名')!.eachRow((r) => ranking.set(String(r.getCell(2).value), r.values as unknown[]));
  const header = ranking.get('乡镇')!;
  const col = header.indexOf('按期办结率');
  for (const township of ['ZMQ', 'CG']) expect(ranking.get(township === 'ZMQ' ? '张母桥镇' : '城关镇')![col] ?? null).toBe(own.get(township)!.timelyClose!.value);
  fs.rmSync(xlsx);

  // The printed 通报: A4, the ranking and the totals in its text.
  await page.getByTestId('standing-print').click();
  await expect(page.getByTestId('county-report-title')).toContainText('全县信访工作');
  await expect(page.getByTestId('county-report-ranking')).toContainText('张母桥镇');
  await shoot(page, 'county-report');
  const pdf = path.join('test-results', 'county-e2e.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('全县信访工作');
  expect(text).toContain('本期收到2个乡镇（共22个）的数据包');
  expect(text).toContain('城关镇');
  fs.rmSync(pdf);
  await page.getByTestId('county-report-back').click();
  await expect(page.getByTestId('county-standing')).toBeVisible();

  await page.getByTestId('standing-CG').click();
  await expect(page.getByTestId('county-township-matters')).toContainText('城关镇 信访事项');
  await expect(page.getByTestId('county-township-matters')).not.toContainText(SHARED.idNumber);

  await page.getByTestId('nav-county/persons').click();
  await expect(page.getByTestId('persons-several')).toContainText(SHARED.name);
  await page.getByTestId('person-query').fill(SHARED.idNumber);
  await page.getByTestId('person-search').click();
  const found = page.getByTestId('person-results');
  await expect(found).toContainText('城关镇、张母桥镇');
  await expect(found).not.toContainText(SHARED.idNumber);
  await shoot(page, 'county-persons');
  await found.getByText(SHARED.name).click();
  await expect(page.getByTestId('person-matters').locator('tbody tr')).toHaveCount(2);
  await shoot(page, 'county-person');

  // 督查督办: both townships on the list, by the desks' own deadlines; no ID number shown.
  await page.getByTestId('nav-county/supervision').click();
  await expect(page.getByTestId('supervision-by-township')).toContainText('城关镇');
  await expect(page.getByTestId('supervision-by-township')).toContainText('张母桥镇');
  await expect(page.getByTestId('county-supervision')).not.toContainText(SHARED.idNumber);
  await shoot(page, 'county-supervision');
});
