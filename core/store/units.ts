import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { UnitKind } from '../domain/units.js';

export interface UnitRecord {
  id: number;
  kind: UnitKind;
  name: string;
  active: boolean;
}

interface Row { id: number; kind: string; name: string; active: number }
const hydrate = (r: Row): UnitRecord => ({ id: r.id, kind: r.kind as UnitKind, name: r.name, active: r.active === 1 });

export const listUnits = (db: Database): UnitRecord[] =>
  (db.prepare("SELECT id, kind, name, active FROM units ORDER BY CASE kind WHEN '站所' THEN 0 WHEN '村/社区' THEN 1 ELSE 2 END, id").all() as Row[]).map(hydrate);

export function getUnit(db: Database, id: number): UnitRecord | null {
  const r = db.prepare('SELECT id, kind, name, active FROM units WHERE id = ?').get(id) as Row | undefined;
  return r ? hydrate(r) : null;
}

export function findUnitByName(db: Database, name: string): UnitRecord | null {
  const r = db.prepare('SELECT id, kind, name, active FROM units WHERE name = ?').get(name) as Row | undefined;
  return r ? hydrate(r) : null;
}

export function insertUnit(db: Database, kind: UnitKind, name: string): UnitRecord {
  const info = db.prepare('INSERT INTO units (kind, name) VALUES (?, ?)').run(kind, name);
  return getUnit(db, Number(info.lastInsertRowid))!;
}

export function updateUnit(db: Database, id: number, change: { kind: UnitKind; name: string; active: boolean }): void {
  db.prepare('UPDATE units SET kind = ?, name = ?, active = ? WHERE id = ?').run(change.kind, change.name, change.active ? 1 : 0, id);
}

/** Matters ever transferred or assigned (转送/交办), newest first: the loop's candidates. */
export const transferredMatterIds = (db: Database): number[] =>
  (db.prepare("SELECT DISTINCT matter_id AS id FROM matter_events WHERE type = 'transfer' ORDER BY matter_id DESC").all() as { id: number }[]).map((r) => r.id);
