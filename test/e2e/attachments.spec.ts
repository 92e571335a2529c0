import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, expectFocused, openDesk, shoot } from './desk.js';
import { makeId } from '../helpers/ids.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A returning visitor picked from the search, and a new matter's purpose, category and request. */
async function startRegistration(page: Page, request: string): Promise<void> {
  await api(page, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: makeId('1968-03-15', 123), phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
  });
  await expectFocused(page, 'person-search');
  await page.keyboard.type(makeId('1968-03-15', 123).slice(-4));
  await expect(page.getByTestId('person-hit')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('participant')).toContainText('张三');
  await expectFocused(page, 'm-purpose');
  await page.keyboard.type('ss');
  await page.keyboard.press('Enter');
  await expectFocused(page, 'm-category');
  await page.keyboard.type('gt');
  await page.keyboard.press('Enter');
  await expectFocused(page, 'm-request');
  await page.keyboard.type(request);
}

test('two 30 MB scans upload with a progress bar while the operator keeps typing, and are registered', async ({ page }) => {
  test.setTimeout(90_000);
  await openDesk(page, server, '#/intake');
  await startRegistration(page, '征地补偿款至今未兑现');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-scans-'));
  const a = Buffer.alloc(30 * 1024 * 1024, 0x41);
  const b = Buffer.alloc(30 * 1024 * 1024, 0x42);
  fs.writeFileSync(path.join(dir, '征地协议.pdf'), a);
  fs.writeFileSync(path.join(dir, '补偿清单.pdf'), b);

  // Loopback is faster than a scanner's USB stick: slow the upload so the bar can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 12 * 1024 * 1024 });
  await page.getByTestId('attach-input').setInputFiles([path.join(dir, '征地协议.pdf'), path.join(dir, '补偿清单.pdf')]);
  await expect(page.getByTestId('attach-progress')).toBeVisible();
  await expect(page.getByTestId('attach-file-progress')).toHaveCount(2);
  await page.getByTestId('attach-progress').scrollIntoViewIfNeeded();
  await shoot(page, 'register-uploading');

  // The page answers while the bytes go: typing lands at once, a round trip into the page is quick.
  const request = page.getByTestId('m-request').locator('textarea');
  await request.focus();
  await page.keyboard.type('，另附补偿清单');
  await expect(request).toHaveValue('征地补偿款至今未兑现，另附补偿清单');
  const t0 = Date.now();
  await page.evaluate(() => 1);
  expect(Date.now() - t0).toBeLessThan(500);
  expect(await page.getByTestId('attach-progress').isVisible()).toBe(true);

  await page.keyboard.press('Control+s'); // waits for the uploads, then registers
  await expect(page.getByTestId('done-case-no')).toHaveText(/^ZMQ-\d{4}-000002$/, { timeout: 60_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  for (const bytes of [a, b]) {
    const file = path.join(server.dataDir, 'attachments', sha(bytes).slice(0, 2), sha(bytes));
    expect(fs.statSync(file).size).toBe(bytes.length);
  }
  expect(filesUnder(path.join(server.dataDir, 'staging'))).toEqual([]);

  // The matter page lists them; a PDF opens in the browser's viewer.
  const done = await api<{ matterId: number }[]>(page, 'matters.list', { view: 'all', q: '张三' });
  await page.goto(`${server.url}#/matters/${Math.max(...done.map((m) => (m as unknown as { id: number }).id))}`);
  await expect(page.getByTestId('matter-attachment')).toHaveCount(2);
  await page.getByTestId('matter-attachments').scrollIntoViewIfNeeded();
  await shoot(page, 'matter-attachments');
  const popup = page.waitForEvent('popup');
  await page.getByTestId('matter-attachment').first().click();
  expect((await popup).url()).toMatch(/^blob:/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an attachment over the limit is refused the moment it is attached, and nothing typed is lost', async ({ page }) => {
  await openDesk(page, server, '#/intake');
  await api(page, 'system.configure', { attachmentMaxFileMb: 1, attachmentMaxTotalMb: 3 });
  await page.reload();
  await expectFocused(page, 'person-search');
  await startRegistration(page, '要求尽快发放补偿款');
  await expect(page.getByTestId('attach-limits')).toContainText('单个不超过 1 MB');
  const small = Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(2000), 'binary');
  await page.getByTestId('attach-input').setInputFiles([
    { name: '大扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2 * 1024 * 1024, 1) },
    { name: '现场照片.png', mimeType: 'image/png', buffer: small },
  ]);
  await expect(page.getByTestId('attach-refused')).toContainText('附件“大扫描件.pdf”为 2.0 MB，超过单个附件 1 MB 的上限，未添加');
  // The other file went on; the typed request and the visitor are still there.
  await expect(page.getByTestId('attachment')).toHaveCount(1);
  await expect(page.getByTestId('attachment')).toContainText('已上传');
  await expect(page.getByTestId('attach-thumb')).toHaveCount(1);
  await expect(page.getByTestId('m-request').locator('textarea')).toHaveValue('要求尽快发放补偿款');
  await expect(page.getByTestId('participant')).toContainText('张三');
  await page.getByTestId('attach-refused').scrollIntoViewIfNeeded();
  await shoot(page, 'register-attachment-refused');
  // Nothing of the refused file reached the data folder.
  expect(filesUnder(path.join(server.dataDir, 'staging'))).toHaveLength(1);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('register-done')).toBeVisible();
  const stored = filesUnder(path.join(server.dataDir, 'attachments'));
  expect(stored.map((f) => path.basename(f))).toEqual([sha(small)]);
});
