import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, openDesk, shoot } from './desk.js';
import { makeId } from '../helpers/ids.js';

const CLI = path.resolve(import.meta.dirname, '../../out/node/core/cli/main.js');
const intake = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, INTAKE_DATA: '', INTAKE_COUNTY: '' } });

let server: TestServer;
let county: string;
test.beforeAll(async () => {
  county = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'intake-e2e-county-')), 'county');
  expect(intake('county', 'init', '--county', county).status).toBe(0);
  server = await startServer({ township: 'ZMQ' });
});
test.afterAll(async () => {
  await server.stop();
});

test('the admin sets the county key, exports a bundle with a progress bar, and the county verifies it', async ({ page }) => {
  await openDesk(page, server, '#/admin/bundles');
  await api(page, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: makeId('1968-03-15', 123), phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
  });
  await expect(page.getByTestId('admin-bundles')).toHaveClass(/router-link-active/);
  await expect(page.getByTestId('bundle-fingerprint')).toHaveText(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  await expect(page.getByTestId('bundle-county-status')).toHaveText('未设置');

  // Without the county's key there is nothing to encrypt to: refused at once, in Chinese.
  await page.getByTestId('bundle-export').click();
  await expect(page.getByTestId('bundle-error')).toContainText('尚未设置县信访局的接收密钥');

  // The county's card, checked against the root fingerprint the bureau reads out on the phone.
  const card = fs.readFileSync(path.join(county, 'county-card.json'), 'utf8');
  const rootFingerprint = intake('county', 'init', '--county', county).stderr; // refused: already initialised
  expect(rootFingerprint).toMatch(/initialised already/);
  const info = JSON.parse(fs.readFileSync(path.join(county, 'county.json'), 'utf8')) as { root: { keyId: string } };
  await page.getByTestId('bundle-county-input').fill(card);
  await page.getByTestId('bundle-county-fingerprint').fill(info.root.keyId.toUpperCase().match(/.{4}/g)!.join(' '));
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('bundle-county-status')).toHaveText('已设置');

  await page.getByTestId('bundle-export').click();
  await expect(page.getByTestId('bundle-progress')).toBeVisible();
  await expect(page.getByTestId('bundle-progress')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText('导出完成')).toBeVisible();
  const file = path.join(server.dataDir, 'exports', 'ZMQ-000001.bundle');
  await expect(page.getByTestId('bundle-file')).toHaveText(file);
  await page.waitForTimeout(800); // let the bar finish its animation for the screenshot
  await shoot(page, 'bundles');
  expect(fs.existsSync(file)).toBe(true);

  // The county trusts the fingerprint the admin reads out, and the bundle verifies.
  const shown = (await page.getByTestId('bundle-fingerprint').textContent())!;
  const key = JSON.parse(intake('keys', 'show', '--data', server.dataDir, '--json').stdout) as { publicKey: string };
  expect(intake('county', 'trust', 'add', '--county', county, '--township', 'ZMQ', '--key', key.publicKey, '--fingerprint', shown).status).toBe(0);
  const verified = intake('county', 'verify', file, '--county', county);
  expect(verified.stdout).toMatch(/records:\s+.*persons 1/);
  expect(verified.status).toBe(0);
});
