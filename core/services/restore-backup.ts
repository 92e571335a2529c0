/**
 * Restoring a backup: its signature checked against the keys of the desk it goes into (or, into a new
 * data folder, against the key it names — the restore says so), its key opened by this machine's
 * backup identity or the paper recovery key, every check of store/restore.ts, and the database
 * re-encrypted under the data folder's own key.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../kernel/context.js';
import type { KeyStore } from '../kernel/key-store.js';
import { deskBackupIdentity, knownCenterKeys, localKeysOf, unlockBackup, type BackupUnlock } from '../bundle/backup-seal.js';
import { DB_FILE, PRIVATE_DIR_MODE } from '../store/data-dir.js';
import { databaseKey, newDatabaseKey } from '../store/database-key.js';
import { IntakeError } from '../kernel/errors.js';
import { restoreBackup, type RestoreResult } from '../store/restore.js';
import { databaseFileKind, openSqlite } from '../store/sqlite.js';

/** Opens a backup this desk just made (or any of its own): for `intake backup --verify`. */
export function unlockOwnBackup(ctx: CoreContext, dir: string): Promise<BackupUnlock> {
  const identity = deskBackupIdentity(localKeysOf(ctx), ctx.dataDir);
  return unlockBackup(dir, knownCenterKeys(ctx.db), identity ? [identity] : []);
}

export interface RestoreOutcome extends RestoreResult {
  /** The key that signed the backup is one the desk already knew (false: restored into a new folder). */
  knownKey: boolean;
  signedBy: string;
}

export async function restoreIntoDataDir(dataDir: string, from: string, opts: { now: Date; keys: KeyStore; recoveryKey?: string | null }): Promise<RestoreOutcome> {
  const dbFile = path.join(dataDir, DB_FILE);
  const hasDesk = fs.existsSync(dataDir) && databaseFileKind(dbFile) !== 'none';
  let currentKey: Buffer | null = null;
  let knownKeys: string[] | null = null;
  let keyLost = false;
  if (hasDesk) {
    try {
      currentKey = databaseFileKind(dbFile) === 'encrypted' ? databaseKey(dataDir, dbFile, opts.keys).key : null;
    } catch (err) {
      if (!(err instanceof IntakeError && err.code === 'DB_KEY_MISSING')) throw err;
      keyLost = true; // exactly when a restore is needed: the unreadable database is kept aside
    }
    if (!keyLost) try {
      // Not read-only: the last connection to close removes the -wal and -shm a reader would leave behind.
      const db = openSqlite(dbFile, { fileMustExist: true, key: currentKey });
      try {
        knownKeys = knownCenterKeys(db);
      } finally {
        db.close();
      }
    } catch {
      knownKeys = null; // a damaged database is what one restores: then the backup's own key is taken, as for a new folder
    }
  }
  const identities = [deskBackupIdentity(opts.keys, dataDir), opts.recoveryKey?.trim() || null].filter((x): x is string => !!x);
  const unlock = await unlockBackup(from, knownKeys, identities);
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const targetKey = currentKey ?? (keyLost ? newDatabaseKey(dataDir, opts.keys) : databaseKey(dataDir, dbFile, opts.keys).key);
  const result = await restoreBackup(dataDir, from, { now: opts.now, backupKey: unlock.backupKey, targetKey, currentKey });
  return { ...result, knownKey: unlock.knownKey, signedBy: unlock.signature.keyId };
}
