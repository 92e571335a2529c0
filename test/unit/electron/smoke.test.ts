/**
 * Launches the real app where an Electron binary exists. Build first (`npm run build`), and note that
 * better-sqlite3 must be rebuilt for Electron's ABI on that machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { DB_FILE } from '../../../core/store/data-dir.js';

const READY_LINE = 'intake: window ready';
const MAIN = fileURLToPath(new URL('../../../out/node/electron/main.js', import.meta.url));

/**
 * electron's index.js starts a download when its binary is missing, so look for the binary first
 * (path.txt names it) and only then ask the package for its path.
 */
function findElectron(): { binary: string | null; reason: string } {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { binary: null, reason: 'the electron package is not installed' };
  }
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathTxt)) {
    return { binary: null, reason: 'no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  if (!fs.existsSync(path.join(distDir, fs.readFileSync(pathTxt, 'utf8')))) {
    return { binary: null, reason: 'the Electron binary named in node_modules/electron/path.txt is missing' };
  }
  const binary = require('electron') as unknown;
  if (typeof binary !== 'string' || !fs.existsSync(binary)) return { binary: null, reason: 'electron did not return a binary path' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { binary: null, reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset) to open a window on' };
  }
  return { binary, reason: '' };
}

const { binary, reason } = findElectron();
if (!binary) console.log(`electron smoke test skipped: ${reason}`);

describe('electron smoke', () => {
  it.skipIf(!binary)('opens the window on a fresh data folder', async () => {
    expect(fs.existsSync(MAIN), `${MAIN} missing: run npm run build first`).toBe(true);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-smoke-'));
    const child = spawn(binary!, [MAIN, '--data', dataDir], {
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1', ELECTRON_RUN_AS_NODE: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 45_000);
        const onData = (chunk: Buffer): void => {
          output += chunk.toString('utf8');
          if (output.includes(READY_LINE)) {
            clearTimeout(timer);
            resolve(true);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(output.includes(READY_LINE));
        });
      });
      expect(ready, `Electron never printed "${READY_LINE}". Output:\n${output}`).toBe(true);
      expect(fs.existsSync(path.join(dataDir, DB_FILE))).toBe(true);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
