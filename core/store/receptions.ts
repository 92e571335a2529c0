import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseState } from '../domain/case-state.js';

export type ReceptionState = 'receiving' | 'done';

export interface QueueRow {
  visitId: number;
  matterId: number;
  visitedAt: string;
  channel: string;
  headcount: number;
  isRepeat: boolean;
  caseNo: string;
  category: string;
  purpose: string;
  tags: string[];
  request: string;
  isGroup: boolean;
  /** This visit's place among the matter's visits (1 = first). */
  visitNo: number;
  /** 越级 levels recorded on the matter. */
  skips: string[];
  status: ReceptionState | null;
  leader: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  heard: string | null;
  answered: string | null;
  state: CaseState | null;
  nextDue: string | null;
  handleDue: string | null;
}
type RawQueueRow = Omit<QueueRow, 'isRepeat' | 'tags' | 'isGroup' | 'skips'> & { isRepeat: number; tags: string; isGroup: number; skips: string | null };
const toQueueRow = (r: RawQueueRow): QueueRow => ({
  ...r,
  isRepeat: r.isRepeat === 1,
  tags: JSON.parse(r.tags) as string[],
  isGroup: r.isGroup === 1,
  skips: r.skips ? r.skips.split(',') : [],
});

/**
 * Walk-in visits in an instant range (a Beijing day), in arrival order, with their matter, reception and
 * status. Walks the visits_at index.
 */
export function visitsBetween(db: Database, fromIso: string, toIso: string, visitId?: number): QueueRow[] {
  return (db
    .prepare(
      `SELECT v.id AS visitId, v.matter_id AS matterId, v.visited_at AS visitedAt, v.channel, v.headcount, v.is_repeat AS isRepeat,
              m.case_no AS caseNo, m.category, m.purpose, m.tags, m.request, m.is_group AS isGroup,
              (SELECT count(*) FROM visits v2 WHERE v2.matter_id = v.matter_id AND (v2.visited_at < v.visited_at OR (v2.visited_at = v.visited_at AND v2.id <= v.id))) AS visitNo,
              (SELECT group_concat(level) FROM level_skips WHERE matter_id = m.id) AS skips,
              r.status, r.leader, r.started_at AS startedAt, r.finished_at AS finishedAt, r.heard, r.answered,
              s.state, s.next_due AS nextDue, s.handle_due AS handleDue
         FROM visits v
         JOIN matters m ON m.id = v.matter_id
         LEFT JOIN receptions r ON r.visit_id = v.id
         LEFT JOIN matter_status s ON s.matter_id = m.id
        WHERE v.visited_at >= ? AND v.visited_at < ? AND v.channel = '走访' ${visitId === undefined ? '' : 'AND v.id = ?'}
        ORDER BY v.visited_at, v.id`,
    )
    .all(...[fromIso, toIso, ...(visitId === undefined ? [] : [visitId])]) as RawQueueRow[]).map(toQueueRow);
}

export interface VisitPersonRow {
  visitId: number;
  personId: number;
  name: string;
  role: 'visitor' | 'representative';
}

export function personsOfVisits(db: Database, visitIds: readonly number[]): VisitPersonRow[] {
  return db
    .prepare(
      `SELECT vp.visit_id AS visitId, vp.person_id AS personId, p.name, vp.role FROM visit_persons vp JOIN persons p ON p.id = vp.person_id
        WHERE vp.visit_id IN (SELECT value FROM json_each(?)) ORDER BY vp.visit_id, vp.role = 'representative' DESC, p.id`,
    )
    .all(JSON.stringify(visitIds)) as VisitPersonRow[];
}

export function visitMatter(db: Database, visitId: number): { matterId: number; visitedAt: string } | null {
  return (db.prepare('SELECT matter_id AS matterId, visited_at AS visitedAt FROM visits WHERE id = ?').get(visitId) as { matterId: number; visitedAt: string } | undefined) ?? null;
}

export interface ReceptionRow {
  visitId: number;
  status: ReceptionState;
  leader: string;
  startedAt: string;
  finishedAt: string | null;
  heard: string;
  answered: string;
  eventId: number | null;
}
const RECEPTION_COLS = 'visit_id AS visitId, status, leader, started_at AS startedAt, finished_at AS finishedAt, heard, answered, event_id AS eventId';

export function getReception(db: Database, visitId: number): ReceptionRow | null {
  return (db.prepare(`SELECT ${RECEPTION_COLS} FROM receptions WHERE visit_id = ?`).get(visitId) as ReceptionRow | undefined) ?? null;
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
  return db.prepare(`SELECT ${RECEPTION_COLS} FROM receptions WHERE visit_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(visitIds)) as ReceptionRow[];
}
