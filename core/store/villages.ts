import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface VillageRecord {
  id: number;
  townshipCode: string;
  name: string;
  createdAt: string;
}
type VillageRow = VillageRecord;
const COLS = 'id, township_code AS townshipCode, name, created_at AS createdAt';

export function listVillages(db: Database, townshipCode: string): VillageRecord[] {
  return db
    .prepare(`SELECT ${COLS} FROM villages WHERE township_code = ?`)
    .all(townshipCode) as VillageRow[];
}

export function findVillage(db: Database, townshipCode: string, name: string): VillageRecord | null {
  return (
    (db
      .prepare(`SELECT ${COLS} FROM villages WHERE township_code = ? AND name = ?`)
      .get(townshipCode, name) as VillageRow | undefined) ?? null
  );
}

export function insertVillage(db: Database, townshipCode: string, name: string, createdAt: string): VillageRecord {
  const info = db
    .prepare('INSERT INTO villages (township_code, name, created_at) VALUES (?, ?, ?)')
    .run(townshipCode, name, createdAt);
  return { id: Number(info.lastInsertRowid), townshipCode, name, createdAt };
}

export function getVillage(db: Database, id: number): VillageRecord | null {
  return (db.prepare(`SELECT ${COLS} FROM villages WHERE id = ?`).get(id) as VillageRow | undefined) ?? null;
}
