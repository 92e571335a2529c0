/**
 * The one place connections are opened. SQLite comes from better-sqlite3-multiple-ciphers, the
 * drop-in fork of better-sqlite3 built with SQLite3 Multiple Ciphers: with a key, every page is
 * encrypted SQLCipher-4-compatibly (AES-256-CBC, HMAC-SHA512 per page); without one the file is a
 * plain SQLite database (the county's store, tests of the plain format, the bench's baseline).
 */
import fs from 'node:fs';
import Driver, { type Database } from 'better-sqlite3-multiple-ciphers';
import { IntakeError } from '../kernel/errors.js';

export type { Database };

/** A database key: 256 random bits, never typed by anyone, so no passphrase derivation is needed. */
export const DATABASE_KEY_BYTES = 32;

export interface SqliteOptions {
  key?: Buffer | null;
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Milliseconds to wait for a lock (better-sqlite3's busy timeout). */
  timeout?: number;
}

/** SQLCipher 4 settings and a raw key (x'…'): the key never goes through SQL text the log could show. */
export function applyKey(db: Database, key: Buffer): void {
  if (key.length !== DATABASE_KEY_BYTES) throw new Error('a database key is 32 bytes');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.key(Buffer.from(`x'${key.toString('hex')}'`));
}

/** Re-encrypts an open database (rollback-journal mode only) under another key; a plain one gets its first. */
export function changeKey(db: Database, key: Buffer): void {
  if (key.length !== DATABASE_KEY_BYTES) throw new Error('a database key is 32 bytes');
  db.pragma("cipher = 'sqlcipher'"); // the cipher the new key is for (a plain database has none yet)
  db.pragma('legacy = 4');
  db.rekey(Buffer.from(`x'${key.toString('hex')}'`));
}

/** Decrypts an open database for good (rollback-journal mode only): the bench's plain baseline. */
export function removeKey(db: Database): void {
  db.rekey(Buffer.alloc(0));
}

/**
 * Opens a database, with its key when it has one. The first read happens here, so a wrong key (or a
 * file that is no database) fails now as DB_KEY_WRONG rather than at some later query.
 */
export function openSqlite(file: string, opts: SqliteOptions = {}): Database {
  const db = new Driver(file, { readonly: opts.readonly ?? false, fileMustExist: opts.fileMustExist ?? false, timeout: opts.timeout ?? 5000 });
  try {
    if (opts.key) applyKey(db, opts.key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw new IntakeError('DB_KEY_WRONG', { detail: file });
    throw err;
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What is at `file`: nothing (missing or empty), a plain SQLite database, or something else (an encrypted one). */
export function databaseFileKind(file: string): 'none' | 'plain' | 'encrypted' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw err;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (n === 0) return 'none';
    return n === head.length && head.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}
