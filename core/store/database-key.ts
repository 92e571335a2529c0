/**
 * The desk's database key: 256 random bits made at first start and kept by a key store (safeStorage
 * in the app; the OS keyring or a 0600 file outside the data folder otherwise). The data folder holds
 * only the key's name (database.keyid), so a copy of the folder is unreadable without the machine's
 * key store — and a restore on another machine goes through a backup and the paper recovery key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { KeyStore } from '../kernel/key-store.js';
import { IntakeError } from '../kernel/errors.js';
import { writePrivateFile } from './private-file.js';
import { DATABASE_KEY_BYTES, databaseFileKind } from './sqlite.js';

export const KEY_ID_FILE = 'database.keyid';

export interface DatabaseKey {
  key: Buffer;
  /** Made in this run (no database was encrypted with it yet). */
  created: boolean;
}

const keyName = (id: string) => `database-${id}`;

export function readKeyId(dataDir: string): string | null {
  try {
    const id = fs.readFileSync(path.join(dataDir, KEY_ID_FILE), 'utf8').trim();
    if (!/^[0-9a-f]{32}$/.test(id)) throw new IntakeError('DB_KEY_MISSING', { detail: `${KEY_ID_FILE} is damaged` });
    return id;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The key for the database at dbFile: the one named in the data folder, or — only when there is no
 * encrypted database yet — a new one, saved to the store before its name is written, so a name never
 * points at a key that was not kept.
 */
export function databaseKey(dataDir: string, dbFile: string, store: KeyStore): DatabaseKey {
  const id = readKeyId(dataDir);
  if (id) {
    const hex = store.load(keyName(id));
    if (!hex || !/^[0-9a-f]{64}$/.test(hex.trim())) {
      throw new IntakeError('DB_KEY_MISSING', { detail: `no key ${keyName(id)} in this machine's ${store.kind} key store` });
    }
    return { key: Buffer.from(hex.trim(), 'hex'), created: false };
  }
  if (databaseFileKind(dbFile) === 'encrypted') {
    throw new IntakeError('DB_KEY_MISSING', { detail: `${dbFile} is encrypted and the data folder names no key (${KEY_ID_FILE} missing)` });
  }
  return { key: newDatabaseKey(dataDir, store), created: true };
}

/** A new key, kept, then named in the data folder (a restore whose database's key was lost makes one). */
export function newDatabaseKey(dataDir: string, store: KeyStore): Buffer {
  const newId = randomBytes(16).toString('hex');
  const key = randomBytes(DATABASE_KEY_BYTES);
  store.save(keyName(newId), key.toString('hex'));
  writePrivateFile(path.join(dataDir, KEY_ID_FILE), `${newId}\n`);
  return key;
}
