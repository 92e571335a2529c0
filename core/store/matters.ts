import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface NewMatterRow {
  caseNo: string;
  townshipCode: string;
  channel: string;
  purpose: string;
  category: string;
  tags: string[];
  request: string;
  facts: string;
  placeTownship: string | null;
  placeVillageId: number | null;
  isGroup: boolean;
  registeredAt: string;
  levelSkips: LevelSkipRecord[];
}

/** One 越级 record: the level, the day if known, and whether it was 非正常上访 (migration 016). */
export interface LevelSkipRecord {
  level: string;
  visitedOn: string | null;
  abnormal: boolean;
}

/** A matter as the rest of the core sees it: camelCase, booleans, tags parsed. */
export interface MatterRecord {
  id: number;
  caseNo: string;
  townshipCode: string;
  channel: string;
  purpose: string;
  category: string;
  tags: string[];
  request: string;
  facts: string;
  placeTownship: string | null;
  placeVillageId: number | null;
  isGroup: boolean;
  registeredAt: string;
  visits: number;
}
type MatterRow = Omit<MatterRecord, 'tags' | 'isGroup'> & { tags: string; isGroup: number };
const toMatter = (r: MatterRow): MatterRecord => ({ ...r, tags: JSON.parse(r.tags) as string[], isGroup: r.isGroup === 1 });

export function insertMatter(db: Database, m: NewMatterRow, at: string): number {
  const info = db
    .prepare(
      `INSERT INTO matters (case_no, township_code, channel, purpose, category, tags, request, facts, place_township,
                            place_village_id, is_group, registered_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(m.caseNo, m.townshipCode, m.channel, m.purpose, m.category, JSON.stringify(m.tags), m.request, m.facts,
      m.placeTownship, m.placeVillageId, m.isGroup ? 1 : 0, m.registeredAt, at);
  const id = Number(info.lastInsertRowid);
  if (m.levelSkips.length === 0) return id; // most matters: no statement to prepare
  const skip = db.prepare('INSERT INTO level_skips (matter_id, level, visited_on, abnormal) VALUES (?, ?, ?, ?)');
  for (const s of m.levelSkips) skip.run(id, s.level, s.visitedOn, s.abnormal ? 1 : 0);
  return id;
}

export function linkMatterPersons(db: Database, matterId: number, personIds: readonly number[]): void {
  const link = db.prepare('INSERT OR IGNORE INTO matter_persons (matter_id, person_id) VALUES (?, ?)');
  const count = db.prepare(
    `INSERT INTO person_activity (person_id, matter_count) VALUES (?, 1)
     ON CONFLICT (person_id) DO UPDATE SET matter_count = matter_count + 1`,
  );
  for (const p of personIds) if (link.run(matterId, p).changes === 1) count.run(p);
}

export function markGroup(db: Database, matterId: number): void {
  db.prepare('UPDATE matters SET is_group = 1 WHERE id = ?').run(matterId);
}

const MATTER_SELECT = `SELECT m.id, m.case_no AS caseNo, m.township_code AS townshipCode, m.channel, m.purpose, m.category, m.tags,
  m.request, m.facts, m.place_township AS placeTownship, m.place_village_id AS placeVillageId, m.is_group AS isGroup,
  m.registered_at AS registeredAt, (SELECT count(*) FROM visits v WHERE v.matter_id = m.id) AS visits FROM matters m`;

export function getMatter(db: Database, id: number): MatterRecord | null {
  const r = db.prepare(`${MATTER_SELECT} WHERE m.id = ?`).get(id) as MatterRow | undefined;
  return r ? toMatter(r) : null;
}

/** Matters any of these persons is party to, newest first: the basis of repeat-visit detection. */
export function mattersOfPersons(db: Database, personIds: readonly number[]): MatterRecord[] {
  return (db
    .prepare(
      `${MATTER_SELECT} WHERE m.id IN (SELECT matter_id FROM matter_persons WHERE person_id IN (SELECT value FROM json_each(?)))
       ORDER BY m.registered_at DESC`,
    )
    .all(JSON.stringify(personIds)) as MatterRow[]).map(toMatter);
}

export function matterPersonIds(db: Database, matterId: number): number[] {
  return (db.prepare('SELECT person_id FROM matter_persons WHERE matter_id = ?').all(matterId) as { person_id: number }[]).map(
    (r) => r.person_id,
  );
}

export function levelSkipsOf(db: Database, matterId: number): LevelSkipRecord[] {
  const rows = db.prepare('SELECT level, visited_on AS visitedOn, abnormal FROM level_skips WHERE matter_id = ?').all(matterId) as (Omit<LevelSkipRecord, 'abnormal'> & { abnormal: number })[];
  return rows.map((r) => ({ ...r, abnormal: r.abnormal === 1 }));
}
