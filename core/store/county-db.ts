/**
 * The county's database (a file of its own, never a desk's intake.db) and all of its SQL.
 * Same rules as the desk: WAL, synchronous=FULL, numbered migrations in one transaction.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from './db.js';
import type { Migration } from './migration.js';
import { migration as c001 } from './county-migrations/001-county.js';

export const COUNTY_MIGRATIONS: readonly Migration[] = [c001];

/** The same open as the desk's (pragmas, foreign keys, migrations in one transaction), on the county's schema. */
export const openCountyDatabase = (file: string): Database => openDatabase(file, { migrations: COUNTY_MIGRATIONS });

export function getMeta(db: Database, key: string): string | null {
  return (db.prepare('SELECT value FROM county_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function setMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO county_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export interface ImportRow {
  township: string;
  sequence: number;
  sha256: string;
  previous: string | null;
  key_id: string;
  suite: string;
  full: number;
  created_at: string;
  imported_at: string;
  counts: string;
  audit_head: string | null;
}

export function lastImport(db: Database, township: string): ImportRow | null {
  return (
    (db.prepare('SELECT * FROM county_imports WHERE township = ? ORDER BY sequence DESC LIMIT 1').get(township) as ImportRow | undefined) ?? null
  );
}

export function importAt(db: Database, township: string, sequence: number): ImportRow | null {
  return (db.prepare('SELECT * FROM county_imports WHERE township = ? AND sequence = ?').get(township, sequence) as ImportRow | undefined) ?? null;
}

export function insertImport(db: Database, row: ImportRow): void {
  db.prepare(
    `INSERT INTO county_imports (township, sequence, sha256, previous, key_id, suite, full, created_at, imported_at, counts, audit_head)
     VALUES (@township, @sequence, @sha256, @previous, @key_id, @suite, @full, @created_at, @imported_at, @counts, @audit_head)`,
  ).run(row);
}

/** Forgets a township's records (a full bundle then brings all of them again). */
export function clearTownship(db: Database, township: string): void {
  db.prepare('DELETE FROM county_records WHERE township = ?').run(township);
}

/** Upserts and deletes for one township, prepared once per import. */
export function recordWriter(db: Database, township: string, sequence: number) {
  const upsert = db.prepare(
    `INSERT INTO county_records (township, tbl, row_key, data, sequence) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (township, tbl, row_key) DO UPDATE SET data = excluded.data, sequence = excluded.sequence`,
  );
  const remove = db.prepare('DELETE FROM county_records WHERE township = ? AND tbl = ? AND row_key = ?');
  return {
    upsert: (tbl: string, rowKey: string, data: string) => upsert.run(township, tbl, rowKey, data, sequence),
    remove: (tbl: string, rowKey: string) => remove.run(township, tbl, rowKey),
  };
}

export function townshipRecords(db: Database, township: string, tbl: string): { row_key: string; data: string }[] {
  return db.prepare('SELECT row_key, data FROM county_records WHERE township = ? AND tbl = ? ORDER BY row_key').all(township, tbl) as {
    row_key: string;
    data: string;
  }[];
}

/** Every import's recorded audit head (JSON, see import.ts), per township in sequence order. */
export function importedAuditHeads(db: Database): { township: string; sequence: number; audit_head: string | null }[] {
  return db.prepare('SELECT township, sequence, audit_head FROM county_imports ORDER BY township, sequence').all() as {
    township: string;
    sequence: number;
    audit_head: string | null;
  }[];
}

export interface TownshipSummary {
  township: string;
  lastSequence: number;
  lastImportedAt: string;
  lastCreatedAt: string;
  bundles: number;
  records: Record<string, number>;
}

export function countySummary(db: Database): TownshipSummary[] {
  const heads = db
    .prepare(
      `SELECT township, max(sequence) AS lastSequence, count(*) AS bundles,
              (SELECT imported_at FROM county_imports i2 WHERE i2.township = i.township ORDER BY sequence DESC LIMIT 1) AS lastImportedAt,
              (SELECT created_at FROM county_imports i2 WHERE i2.township = i.township ORDER BY sequence DESC LIMIT 1) AS lastCreatedAt
       FROM county_imports i GROUP BY township ORDER BY township`,
    )
    .all() as Omit<TownshipSummary, 'records'>[];
  const counts = db.prepare('SELECT tbl, count(*) AS n FROM county_records WHERE township = ? GROUP BY tbl ORDER BY tbl');
  return heads.map((h) => ({
    ...h,
    records: Object.fromEntries((counts.all(h.township) as { tbl: string; n: number }[]).map((r) => [r.tbl, r.n])),
  }));
}
