import type { Database } from 'better-sqlite3';

export type ReceptionState = 'receiving' | 'done';

export interface QueueRow {
  visit_id: number;
  matter_id: number;
  visited_at: string;
  channel: string;
  headcount: number;
  is_repeat: number;
  case_no: string;
  category: string;
  purpose: string;
  tags: string;
  request: string;
  is_group: number;
  /** This visit's place among the matter's visits (1 = first). */
  visit_no: number;
  skips: string | null;
  status: ReceptionState | null;
  leader: string | null;
  started_at: string | null;
  finished_at: string | null;
  heard: string | null;
  answered: string | null;
  state: string | null;
  next_due: string | null;
  handle_due: string | null;
}

/**
 * Walk-in visits in an instant range (a Beijing day), in arrival order, with their matter, reception and
 * status. Walks the visits_at index.
 */
export function visitsBetween(db: Database, fromIso: string, toIso: string, visitId?: number): QueueRow[] {
  return db
    .prepare(
      `SELECT v.id AS visit_id, v.matter_id, v.visited_at, v.channel, v.headcount, v.is_repeat,
              m.case_no, m.category, m.purpose, m.tags, m.request, m.is_group,
              (SELECT count(*) FROM visits v2 WHERE v2.matter_id = v.matter_id AND (v2.visited_at < v.visited_at OR (v2.visited_at = v.visited_at AND v2.id <= v.id))) AS visit_no,
              (SELECT group_concat(level) FROM level_skips WHERE matter_id = m.id) AS skips,
              r.status, r.leader, r.started_at, r.finished_at, r.heard, r.answered,
              s.state, s.next_due, s.handle_due
         FROM visits v
         JOIN matters m ON m.id = v.matter_id
         LEFT JOIN receptions r ON r.visit_id = v.id
         LEFT JOIN matter_status s ON s.matter_id = m.id
        WHERE v.visited_at >= ? AND v.visited_at < ? AND v.channel = '走访' ${visitId === undefined ? '' : 'AND v.id = ?'}
        ORDER BY v.visited_at, v.id`,
    )
    .all(...[fromIso, toIso, ...(visitId === undefined ? [] : [visitId])]) as QueueRow[];
}

export interface VisitPersonRow {
  visit_id: number;
  person_id: number;
  name: string;
  role: 'visitor' | 'representative';
}

export function personsOfVisits(db: Database, visitIds: readonly number[]): VisitPersonRow[] {
  return db
    .prepare(
      `SELECT vp.visit_id, vp.person_id, p.name, vp.role FROM visit_persons vp JOIN persons p ON p.id = vp.person_id
        WHERE vp.visit_id IN (SELECT value FROM json_each(?)) ORDER BY vp.visit_id, vp.role = 'representative' DESC, p.id`,
    )
    .all(JSON.stringify(visitIds)) as VisitPersonRow[];
}

export function visitMatter(db: Database, visitId: number): { matter_id: number; visited_at: string } | null {
  return (db.prepare('SELECT matter_id, visited_at FROM visits WHERE id = ?').get(visitId) as { matter_id: number; visited_at: string } | undefined) ?? null;
}

export interface ReceptionRow {
  visit_id: number;
  status: ReceptionState;
  leader: string;
  started_at: string;
  finished_at: string | null;
  heard: string;
  answered: string;
  event_id: number | null;
}

export function getReception(db: Database, visitId: number): ReceptionRow | null {
  return (db.prepare('SELECT * FROM receptions WHERE visit_id = ?').get(visitId) as ReceptionRow | undefined) ?? null;
}

export function startReception(db: Database, visitId: number, leader: string, at: string): void {
  db.prepare("INSERT INTO receptions (visit_id, status, leader, started_at) VALUES (?, 'receiving', ?, ?)").run(visitId, leader, at);
}

export function saveReception(db: Database, visitId: number, r: { heard: string; answered: string }): void {
  db.prepare('UPDATE receptions SET heard = ?, answered = ? WHERE visit_id = ?').run(r.heard, r.answered, visitId);
}

export function finishReception(db: Database, visitId: number, eventId: number, at: string): void {
  db.prepare("UPDATE receptions SET status = 'done', finished_at = ?, event_id = ? WHERE visit_id = ?").run(at, eventId, visitId);
}

/** Receptions of these visits, for a person's history. */
export function receptionsOf(db: Database, visitIds: readonly number[]): ReceptionRow[] {
  return db.prepare('SELECT * FROM receptions WHERE visit_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(visitIds)) as ReceptionRow[];
}
