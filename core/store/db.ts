import { openSqlite, type Database } from './sqlite.js';
import { migrate } from './migrate.js';
import type { Migration } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';

export type { Database };

/**
 * Each connection's page cache, in KiB. Encrypted pages are decrypted when read into it, so a page
 * that falls out is decrypted again on its next read: SQLite's default (2,000 KiB) is far smaller than a
 * busy desk's indexes. It is an upper bound, filled only as pages are read.
 */
const PAGE_CACHE_KIB = pageCacheKib(process.env.INTAKE_PAGE_CACHE_KIB);

/** 64 MiB unless INTAKE_PAGE_CACHE_KIB names another size (2 MiB to 1 GiB), for a PC short of memory. */
export function pageCacheKib(setting: string | undefined): number {
  const n = setting === undefined ? NaN : Number(setting);
  return Number.isInteger(n) && n >= 2048 && n <= 1_048_576 ? n : 65_536;
}

/**
 * Opens (or creates) a database: the desk's, or with `migrations` the county's. WAL lets readers work
 * while the desk writes; synchronous=FULL because a registration the operator saw saved must survive
 * a power cut; foreign keys on everywhere. With a key every page (and every WAL frame) is encrypted.
 */
export function openDatabase(file: string, opts: { migrations?: readonly Migration[]; key?: Buffer | null } = {}): Database {
  const db = openSqlite(file, { key: opts.key });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    migrate(db, opts.migrations ?? MIGRATIONS);
    cacheStatements(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * better-sqlite3 compiles SQL on every prepare(); the desk runs the same statements thousands of
 * times (each keystroke in the search box runs several), so each connection keeps them compiled.
 * No store module changes a statement's mode (pluck, raw, expand), so sharing one is safe. A few
 * lists compose their WHERE clause, so the cache is bounded: the oldest entry goes first.
 */
const MAX_CACHED_STATEMENTS = 512;

function cacheStatements(db: Database): void {
  const compiled = new Map<string, ReturnType<Database['prepare']>>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    let stmt = compiled.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (compiled.size >= MAX_CACHED_STATEMENTS) compiled.delete(compiled.keys().next().value!);
      compiled.set(source, stmt);
    }
    return stmt;
  }) as Database['prepare'];
}

/**
 * A reader's connection: read-only (a write fails with SQLITE_READONLY), no migration — the writer
 * opened and migrated the database first. WAL lets it read while the writer commits.
 */
export function openReadOnly(file: string, opts: { key?: Buffer | null } = {}): Database {
  const db = openSqlite(file, { readonly: true, fileMustExist: true, key: opts.key });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    cacheStatements(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
