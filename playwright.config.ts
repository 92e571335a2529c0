import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// Database keys of the test desks (servers and CLI runs inherit this) stay out of the keyring and ~/.local.
process.env.INTAKE_KEYS ??= path.join(os.tmpdir(), 'township-intake-test-keys');

// Real Chromium from Debian, bridged to the real core over the loopback HTTP shell. Each test file
// starts its own server on a temporary data folder (see test/e2e/server.ts).
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  globalSetup: './test/e2e/global-setup.ts',
  projects: [
    { name: 'desk', testIgnore: /privacy\.spec\.ts/ },
    // Reads what the desk project left behind, so it runs after it.
    { name: 'privacy', testMatch: /privacy\.spec\.ts/, dependencies: ['desk'] },
  ],
  use: {
    // The page cookies the harness got for each server's printed one-time address (test/e2e/server.ts);
    // read again for every new context, so a test's page is let in as a browser that opened it would be.
    storageState: 'test-results/e2e-storage.json',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
