/**
 * A township's records as the county holds them, laid back into the desk's own schema (an in-memory
 * database migrated with the desk's migrations), so the county reads them with the desk's own code:
 * the same figures, the same lists. Nothing is written back; the replica is thrown away.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from './db.js';
import { seedReferenceData } from './reference-data.js';

export function openReplica(now: Date): Database {
  const db = openDatabase(':memory:');
  seedReferenceData(db, now);
  // Rows arrive table by table in bundle order; the township's desk already enforced the references.
  db.pragma('foreign_keys = OFF');
  return db;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Inserts one table's rows (the desk's columns, as the bundle carried them). */
export function insertRecords(db: Database, table: string, rows: readonly Record<string, unknown>[]): void {
  if (!IDENT.test(table)) throw new Error(`table name ${table}`);
  const known = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
  const byShape = new Map<string, ReturnType<Database['prepare']>>();
  db.transaction(() => {
    for (const row of rows) {
      // A column a newer desk added and this schema lacks is left out, not guessed at.
      const cols = Object.keys(row).filter((c) => known.has(c));
      const shape = cols.join(',');
      let stmt = byShape.get(shape);
      if (!stmt) {
        stmt = db.prepare(`INSERT OR REPLACE INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        byShape.set(shape, stmt);
      }
      stmt.run(cols.map((c) => toSqlite(row[c])));
    }
  })();
}

const toSqlite = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
