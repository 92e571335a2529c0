/**
 * Launches the real app where an Electron binary exists. Build first (`npm run build`), and note that
 * better-sqlite3 must be rebuilt for Electron's ABI on that machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { DB_FILE } from '../../../core/store/data-dir.js';
import { findElectron } from '../../../scripts/electron-binary.mjs';

const READY_LINE = 'intake: window ready';
const MAIN = fileURLToPath(new URL('../../../out/node/electron/main.js', import.meta.url));

/** The shared look-up (scripts/electron-binary.mjs, as `npm start` and `npm run dist` use), plus a display. */
function findElectronWithDisplay(): { binary: string | null; reason: string } {
  const found = findElectron();
  if (!found.binary) return { binary: null, reason: found.reason };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { binary: null, reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset) to open a window on' };
  }
  return { binary: found.binary, reason: '' };
}

const { binary, reason } = findElectronWithDisplay();
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
