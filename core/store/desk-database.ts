/**
 * Opens the desk's database encrypted: finds (or, for a new desk, makes) its key, encrypts a plain
 * database left by an earlier version in place first, then opens and migrates it.
 */
import path from 'node:path';
import type { KeyStore } from '../kernel/key-store.js';
import { DB_FILE } from './data-dir.js';
import { databaseKey } from './database-key.js';
import { openDatabase } from './db.js';
import { discardUnfinishedEncryption, encryptInPlace } from './encrypt-in-place.js';
import { databaseFileKind, type Database } from './sqlite.js';

export interface DeskDatabase {
  db: Database;
  /** Null only while a plain database waits for its key to be kept (see below) or with encryption off. */
  key: Buffer | null;
  /** What happened at this start, for the log (no personal data). */
  event: 'opened' | 'created' | 'encrypted' | 'waiting-for-key' | 'plain';
}

export function openDeskDatabase(dataDir: string, opts: { keys: KeyStore; encrypt?: boolean }): DeskDatabase {
  const file = path.join(dataDir, DB_FILE);
  discardUnfinishedEncryption(file);
  if (opts.encrypt === false) return { db: openDatabase(file), key: null, event: 'plain' };
  const kind = databaseFileKind(file);
  const { key, created } = databaseKey(dataDir, file, opts.keys);
  if (kind === 'plain') {
    // The app's shell keeps a new key only after this run hands it over; encrypting ten years of
    // records under a key that a crash in the next second would lose is not a risk worth taking.
    if (created && opts.keys.savesAtOnce === false) return { db: openDatabase(file), key: null, event: 'waiting-for-key' };
    encryptInPlace(file, key);
    return { db: openDatabase(file, { key }), key, event: 'encrypted' };
  }
  return { db: openDatabase(file, { key }), key, event: kind === 'none' ? 'created' : 'opened' };
}
