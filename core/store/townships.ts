import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Township } from '../domain/township.js';

export function listTownships(db: Database): Township[] {
  return db.prepare('SELECT code, name, kind FROM townships ORDER BY rowid').all() as Township[];
}

export function getTownship(db: Database, code: string): Township | null {
  return (db.prepare('SELECT code, name, kind FROM townships WHERE code = ?').get(code) as Township | undefined) ?? null;
}

export function insertTownships(db: Database, rows: readonly Township[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO townships (code, name, kind) VALUES (@code, @name, @kind)');
  for (const row of rows) insert.run(row);
}
