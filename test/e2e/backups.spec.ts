import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { openDesk, shoot } from './desk.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

test('the admin makes a backup now, to a folder they name and into the data folder, and sees it listed', async ({ page }) => {
  test.setTimeout(60_000);
  await openDesk(page, server, '#/admin/center');
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-usb-'));
  const target = path.join(usb, '信访备份-0601');

  // Inside the data folder is refused at the field, with the reason.
  await page.getByTestId('backup-target').fill(path.join(server.dataDir, 'x'));
  await page.getByTestId('backup-to').click();
  await expect(page.locator('.el-form-item__error')).toContainText('不能放在数据文件夹里');

  await page.getByTestId('backup-target').fill(target);
  await page.getByTestId('backup-to').click();
  await expect(page.getByTestId('backup-outcome')).toContainText(`备份完成：${target}`, { timeout: 30_000 });
  const manifest = JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8')) as { format: string };
  expect(manifest.format).toBe('township-intake-backup');
  expect(fs.existsSync(path.join(target, 'intake.db'))).toBe(true);

  await page.getByTestId('backup-here').click();
  await expect(page.getByTestId('backup-outcome')).toContainText('备份完成', { timeout: 30_000 });
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  await expect(page.getByTestId('backup-row')).toContainText('手动');
  await expect(page.getByTestId('restore-note')).toContainText('intake restore');
  await page.getByTestId('backups').scrollIntoViewIfNeeded();
  await shoot(page, 'admin-backups');
  fs.rmSync(usb, { recursive: true, force: true });
});
