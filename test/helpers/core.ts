import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../core/app.js';
import type { Clock } from '../../core/kernel/clock.js';
import { createLogger } from '../../core/kernel/log.js';

export function tempDir(prefix = 'intake-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/** A core on a fresh data folder, silent logs, fixed clock. */
export function testCore(opts: { township?: string; clock?: Clock; dataDir?: string } = {}): Core {
  return openCore({
    dataDir: opts.dataDir ?? tempDir(),
    clock: opts.clock ?? fixedClock('2026-11-24T09:00:00+08:00'),
    log: createLogger(null, 'silent'),
    township: opts.township,
  });
}
