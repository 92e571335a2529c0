import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../core/app.js';
import type { Clock } from '../../core/kernel/clock.js';
import type { KeyStore } from '../../core/kernel/key-store.js';
import { createLogger } from '../../core/kernel/log.js';
import { DB_FILE } from '../../core/store/data-dir.js';
import { databaseKey } from '../../core/store/database-key.js';
import { osKeyStore } from '../../core/store/os-key-store.js';
import { openSqlite, type Database } from '../../core/store/sqlite.js';

export function tempDir(prefix = 'intake-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/** A core on a fresh data folder, silent logs, fixed clock. */
export function testCore(opts: { township?: string; clock?: Clock; dataDir?: string; databaseKeys?: KeyStore } = {}): Core {
  return openCore({
    databaseKeys: opts.databaseKeys,
    dataDir: opts.dataDir ?? tempDir(),
    clock: opts.clock ?? fixedClock('2026-11-24T09:00:00+08:00'),
    log: createLogger(null, 'silent'),
    township: opts.township,
  });
}

/**
 * Opens a data folder's database file directly (as a test that inspects or damages it does), with the
 * key the desk keeps for it — the desk's database is encrypted.
 */
export function openDeskFile(dataDir: string, opts: { readonly?: boolean; file?: string } = {}): Database {
  const file = opts.file ?? path.join(dataDir, DB_FILE);
  const { key } = databaseKey(dataDir, path.join(dataDir, DB_FILE), osKeyStore());
  return openSqlite(file, { readonly: opts.readonly ?? false, fileMustExist: true, key });
}
