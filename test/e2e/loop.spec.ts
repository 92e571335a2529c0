/**
 * Issue 18 in the browser: the county hands a 交办件 down on its 交办件 page and saves the signed file;
 * the desk imports it under 系统管理 › 数据包 (the matter appears, 交办件 with its batch); the desk exports;
 * the county imports the bundle and its receipt goes back; the desk shows the bundle 已接收.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { openDesk, shift, shoot } from './desk.js';
import { makeId } from '../helpers/ids.js';

const CLI = path.resolve(import.meta.dirname, '../../out/node/core/cli/main.js');
const intake = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, INTAKE_DATA: '', INTAKE_COUNTY: '' } });
  if (r.status !== 0) throw new Error(`intake ${args.slice(0, 2).join(' ')}: ${r.stderr}`);
  return r.stdout;
};

let county: string;
let countyServer: TestServer;
let desk: TestServer;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-e2e-loop-'));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  county = path.join(root, 'county');
  intake('county', 'init', '--county', county);
  desk = await startServer({ township: 'ZMQ' });
  intake('bundle', 'set-county', '--data', desk.dataDir, '--card', path.join(county, 'county-card.json'));
  const key = JSON.parse(intake('keys', 'show', '--data', desk.dataDir, '--json')) as { publicKey: string; fingerprint: string; recipient: string };
  intake('county', 'trust', 'add', '--county', county, '--township', 'ZMQ', '--key', key.publicKey, '--fingerprint', key.fingerprint, '--recipient', key.recipient);
  countyServer = await startServer({ county });
});
test.afterAll(async () => {
  await countyServer?.stop();
  await desk?.stop();
});

test('交办件 down in the UI, imported at the desk, the bundle back up, its receipt shows 已接收', async ({ page, context }) => {
  test.setTimeout(120_000);
  // The county: one 交办件 for 张母桥镇.
  await openDesk(page, countyServer);
  await page.getByTestId('nav-county/assign').click();
  await expect(page.getByTestId('county-assign')).toBeVisible();
  await page.getByTestId('assign-township').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '张母桥镇' }).click();
  await page.getByTestId('assign-source').fill('省联席办');
  await page.getByTestId('assign-batch').fill('2026 第3批');
  await page.getByTestId('assign-name-0').fill('周八');
  await page.getByTestId('assign-id-0').fill(makeId('1962-02-02', 55));
  await page.getByTestId('assign-category-0').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '劳动社保' }).click();
  await page.getByTestId('assign-request-0').fill('拖欠工资三年未付');
  // The date picker takes a typed date; Enter confirms it and closes its panel.
  const deadline = page.getByTestId('assign-deadline-0').locator('input');
  await deadline.fill(shift(40));
  await deadline.press('Enter');
  await expect(deadline).toHaveValue(shift(40));
  await page.getByTestId('assign-leader-0').fill('李镇长');
  const download = page.waitForEvent('download');
  await page.getByTestId('assign-send').click();
  const file = path.join(root, 'ZMQ-A000001.assign');
  await (await download).saveAs(file);
  await expect(page.getByTestId('assign-sent')).toContainText('已下发 1 件给张母桥镇');
  await expect(page.getByTestId('batch-table')).toContainText('2026 第3批');
  await shoot(page, 'county-assign');

  // The desk, in a page of its own: imports it.
  const countyPage = page;
  page = await context.newPage();
  await openDesk(page, desk, '#/admin/bundles');
  await page.getByTestId('inbound-file').setInputFiles(file);
  await expect(page.getByTestId('inbound-result')).toContainText('已导入交办件：省联席办 2026 第3批，共 1 件', { timeout: 20_000 });
  // Again: nothing changes.
  await page.getByTestId('inbound-file').setInputFiles(file);
  await expect(page.getByTestId('inbound-result')).toContainText('已导入过', { timeout: 20_000 });

  // Up: export, the county imports it, and the receipt comes back.
  await page.getByTestId('bundle-export').click();
  await expect(page.getByText('导出完成')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('fate-1')).toHaveText('未收到回执');
  const bundle = path.join(desk.dataDir, 'exports', 'ZMQ-000001.bundle');
  const receipt = /receipt:\s+(\S+\.receipt)/.exec(intake('county', 'import', bundle, '--county', county))![1]!;
  await page.getByTestId('inbound-file').setInputFiles(receipt);
  await expect(page.getByTestId('inbound-result')).toContainText('第 1 号数据包已被县信访局接收', { timeout: 20_000 });
  await expect(page.getByTestId('fate-1')).toHaveText('已接收');
  await shoot(page, 'bundles-fates');

  // The county's batch view, read again: 1 handed down, 0 resolved yet.
  await countyPage.getByTestId('nav-county/standing').click();
  await countyPage.getByTestId('nav-county/assign').click();
  await expect(countyPage.getByTestId('batch-table')).toContainText('省联席办');
  await expect(countyPage.getByTestId('batch-table')).toContainText('1');
  await expect(countyPage.getByTestId('batch-resolved-2026 第3批')).toHaveText('0');
});
