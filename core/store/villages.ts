import type { Database } from 'better-sqlite3';

export interface VillageRow {
  id: number;
  township_code: string;
  name: string;
  created_at: string;
}

export function listVillages(db: Database, townshipCode: string): VillageRow[] {
  return db
    .prepare('SELECT id, township_code, name, created_at FROM villages WHERE township_code = ?')
    .all(townshipCode) as VillageRow[];
}

export function findVillage(db: Database, townshipCode: string, name: string): VillageRow | null {
  return (
    (db
      .prepare('SELECT id, township_code, name, created_at FROM villages WHERE township_code = ? AND name = ?')
      .get(townshipCode, name) as VillageRow | undefined) ?? null
  );
}

export function insertVillage(db: Database, townshipCode: string, name: string, createdAt: string): VillageRow {
  const info = db
    .prepare('INSERT INTO villages (township_code, name, created_at) VALUES (?, ?, ?)')
    .run(townshipCode, name, createdAt);
  return { id: Number(info.lastInsertRowid), township_code: townshipCode, name, created_at: createdAt };
}

export function getVillage(db: Database, id: number): VillageRow | null {
  return (db.prepare('SELECT id, township_code, name, created_at FROM villages WHERE id = ?').get(id) as VillageRow | undefined) ?? null;
}
