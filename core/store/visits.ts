import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface NewVisitRow {
  matterId: number;
  visitedAt: string;
  channel: string;
  headcount: number;
  involved: number;
  isRepeat: boolean;
  persons: { personId: number; role: 'visitor' | 'representative' }[];
}

export function insertVisit(db: Database, v: NewVisitRow, at: string): number {
  const info = db
    .prepare('INSERT INTO visits (matter_id, visited_at, channel, headcount, involved, is_repeat, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(v.matterId, v.visitedAt, v.channel, v.headcount, v.involved, v.isRepeat ? 1 : 0, at);
  const id = Number(info.lastInsertRowid);
  const link = db.prepare('INSERT INTO visit_persons (visit_id, person_id, role) VALUES (?, ?, ?)');
  const seen = db.prepare(
    `INSERT INTO person_activity (person_id, last_visit_at) VALUES (?, ?)
     ON CONFLICT (person_id) DO UPDATE SET last_visit_at = max(coalesce(last_visit_at, ''), excluded.last_visit_at)`,
  );
  for (const p of v.persons) {
    link.run(id, p.personId, p.role);
    seen.run(p.personId, v.visitedAt);
  }
  return id;
}

export interface VisitRecord {
  id: number;
  visitedAt: string;
  channel: string;
  headcount: number;
  isRepeat: boolean;
  /** The visitors' names, joined with 、 */
  persons: string;
  /** The representatives' names of a group visit, joined with 、 ('' for none). */
  representatives: string;
}

export function visitsOf(db: Database, matterId: number): VisitRecord[] {
  return (db
    .prepare(
      `SELECT v.id, v.visited_at AS visitedAt, v.channel, v.headcount, v.is_repeat AS isRepeat,
              (SELECT group_concat(p.name, '、') FROM visit_persons vp JOIN persons p ON p.id = vp.person_id WHERE vp.visit_id = v.id) AS persons,
              (SELECT group_concat(p.name, '、') FROM visit_persons vp JOIN persons p ON p.id = vp.person_id WHERE vp.visit_id = v.id AND vp.role = 'representative') AS representatives
         FROM visits v WHERE v.matter_id = ? ORDER BY v.visited_at DESC`,
    )
    .all(matterId) as (Omit<VisitRecord, 'isRepeat' | 'persons' | 'representatives'> & { isRepeat: number; persons: string | null; representatives: string | null })[]).map((r) => ({
    ...r,
    isRepeat: r.isRepeat === 1,
    persons: r.persons ?? '',
    representatives: r.representatives ?? '',
  }));
}

/** Who has represented the group on any of this matter's visits. */
export function representativeIds(db: Database, matterId: number): number[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT vp.person_id AS id FROM visit_persons vp JOIN visits v ON v.id = vp.visit_id
          WHERE v.matter_id = ? AND vp.role = 'representative' ORDER BY vp.rowid`,
      )
      .all(matterId) as { id: number }[]
  ).map((r) => r.id);
}

/** The matter's persons in the order they were registered (the first visit's order, then later ones). */
export function personsInRegistrationOrder(db: Database, matterId: number): number[] {
  return (
    db
      .prepare(
        `SELECT vp.person_id AS id, min(v.visited_at || printf('%012d', vp.rowid)) AS k FROM visit_persons vp JOIN visits v ON v.id = vp.visit_id
          WHERE v.matter_id = ? GROUP BY vp.person_id ORDER BY k`,
      )
      .all(matterId) as { id: number }[]
  ).map((r) => r.id);
}
