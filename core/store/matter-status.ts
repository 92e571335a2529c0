import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseState, CaseStatus } from '../domain/case-state.js';
import type { MatterQuery } from '../domain/matter-query.js';
import { prefixUpper, reverse } from '../domain/search-query.js';

/**
 * Rewrites a matter's projection from its freshly folded status: the columns the lists and counts
 * query. The whole status is not kept beside them (migration 014 dropped that JSON copy): it is the
 * fold of the matter's events, which services/matter-status.ts computes when a view needs it.
 */
export function writeStatus(db: Database, matterId: number, s: CaseStatus): void {
  db.prepare(
    `INSERT INTO matter_status (matter_id, state, next_due, next_due_kind, decision_due, handle_due, unit, handler, leader,
                                assign_kind, batch, project_id, handling_closed, inquiry_closed, fully_closed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (matter_id) DO UPDATE SET
       state = excluded.state, next_due = excluded.next_due, next_due_kind = excluded.next_due_kind,
       decision_due = excluded.decision_due, handle_due = excluded.handle_due, unit = excluded.unit,
       handler = excluded.handler, leader = excluded.leader, assign_kind = excluded.assign_kind, batch = excluded.batch,
       project_id = excluded.project_id, handling_closed = excluded.handling_closed,
       inquiry_closed = excluded.inquiry_closed, fully_closed = excluded.fully_closed`,
  ).run(
    matterId, s.state, s.nextDue, s.nextDueKind, s.decisionDue, s.handleDue, s.unit, s.handler, s.assignment?.leader ?? null,
    s.assignment?.kind ?? null, s.assignment?.batch ?? null, s.projectId, s.handlingClosed ? 1 : 0, s.inquiryClosed ? 1 : 0,
    s.fullyClosed ? 1 : 0,
  );
}

/** The kept state of a matter (null before its first fold). */
export function readState(db: Database, matterId: number): CaseState | null {
  const row = db.prepare('SELECT state FROM matter_status WHERE matter_id = ?').get(matterId) as { state: CaseState } | undefined;
  return row?.state ?? null;
}

export type MatterView = 'open' | 'due3' | 'overdue' | 'closed' | 'all';

export interface MatterListRow {
  id: number;
  caseNo: string;
  channel: string;
  sourceBody: string;
  sourceNo: string;
  category: string;
  request: string;
  registeredAt: string;
  state: CaseState;
  nextDue: string | null;
  nextDueKind: 'decide' | 'reply' | null;
  unit: string | null;
  handler: string | null;
  leader: string | null;
  assignKind: string | null;
  handlingClosed: boolean;
  inquiryClosed: boolean;
  /** The parties' names, joined with 、 */
  persons: string;
}

export interface MatterFilter {
  view: MatterView;
  today: string;
  soon: string; // today + 3 days
  unit?: string;
  handler?: string;
  leader?: string;
  projectId?: number;
  batch?: string;
  /** What the search box holds, already classified (core/domain/matter-query.ts). */
  query?: MatterQuery;
  category?: string;
  state?: string;
  /**
   * The evaluation's lifecycle (migration 020): replied and not evaluated, the reply on or after `since`
   * (待评价: still in the window) or before it (超期未评价). `since` is today minus the window.
   */
  evaluation?: { awaiting: 'inWindow' | 'expired'; since: string };
  /** Registered at or after / before these instants. */
  fromIso?: string;
  toIso?: string;
  limit: number;
}

/** Matters for a list view; due and overdue views walk the partial index on next_due. */
export function listMatterRows(db: Database, f: MatterFilter): MatterListRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.view === 'open') where.push('s.fully_closed = 0');
  if (f.view === 'closed') where.push('s.fully_closed = 1');
  if (f.view === 'overdue') {
    where.push('s.next_due IS NOT NULL AND s.next_due < ?');
    args.push(f.today);
  }
  if (f.view === 'due3') {
    where.push('s.next_due IS NOT NULL AND s.next_due >= ? AND s.next_due <= ?');
    args.push(f.today, f.soon);
  }
  for (const [col, v] of [['s.unit', f.unit], ['s.handler', f.handler], ['s.leader', f.leader], ['s.batch', f.batch], ['s.project_id', f.projectId]] as const) {
    if (v !== undefined) {
      where.push(`${col} = ?`);
      args.push(v);
    }
  }
  for (const [col, v] of [['m.category', f.category], ['s.state', f.state]] as const) {
    if (v !== undefined) {
      where.push(`${col} = ?`);
      args.push(v);
    }
  }
  if (f.evaluation) {
    where.push(`m.id IN (SELECT matter_id FROM matter_facts WHERE awaiting_eval_since IS NOT NULL AND awaiting_eval_since ${f.evaluation.awaiting === 'inWindow' ? '>=' : '<'} ?)`);
    args.push(f.evaluation.since);
  }
  if (f.fromIso) {
    where.push('m.registered_at >= ?');
    args.push(f.fromIso);
  }
  if (f.toIso) {
    where.push('m.registered_at < ?');
    args.push(f.toIso);
  }
  const q = f.query;
  if (q?.kind === 'caseNo') {
    where.push('m.case_no >= ? AND m.case_no < ?');
    args.push(q.value, prefixUpper(q.value));
  } else if (q?.kind === 'idTail') {
    const rev = reverse(q.value);
    where.push('m.id IN (SELECT mp.matter_id FROM persons p JOIN matter_persons mp ON mp.person_id = p.id WHERE p.id_rev >= ? AND p.id_rev < ?)');
    args.push(rev, prefixUpper(rev));
  } else if (q?.kind === 'name') {
    where.push('m.id IN (SELECT mp.matter_id FROM persons p JOIN matter_persons mp ON mp.person_id = p.id WHERE p.name >= ? AND p.name < ?)');
    args.push(q.value, prefixUpper(q.value));
  }
  const order = f.view === 'overdue' || f.view === 'due3' ? 's.next_due, m.id' : 'm.id DESC';
  return (
    db
    .prepare(
      `SELECT m.id, m.case_no AS caseNo, m.channel, m.source_body AS sourceBody, m.source_no AS sourceNo, m.category, m.request, m.registered_at AS registeredAt, s.state, s.next_due AS nextDue,
              s.next_due_kind AS nextDueKind, s.unit, s.handler, s.leader, s.assign_kind AS assignKind,
              s.handling_closed AS handlingClosed, s.inquiry_closed AS inquiryClosed,
              (SELECT group_concat(p.name, '、') FROM matter_persons mp JOIN persons p ON p.id = mp.person_id WHERE mp.matter_id = m.id) AS persons
         FROM matter_status s JOIN matters m ON m.id = s.matter_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order}
        LIMIT ?`,
    )
    .all(...args, f.limit) as (Omit<MatterListRow, 'handlingClosed' | 'inquiryClosed' | 'persons'> & { handlingClosed: number; inquiryClosed: number; persons: string | null })[]
  ).map((r) => ({ ...r, handlingClosed: r.handlingClosed === 1, inquiryClosed: r.inquiryClosed === 1, persons: r.persons ?? '' }));
}

export function countDue(db: Database, today: string, soon: string): { overdue: number; dueSoon: number } {
  const overdue = db.prepare('SELECT count(*) AS n FROM matter_status WHERE next_due IS NOT NULL AND next_due < ?').get(today) as { n: number };
  const dueSoon = db
    .prepare('SELECT count(*) AS n FROM matter_status WHERE next_due IS NOT NULL AND next_due >= ? AND next_due <= ?')
    .get(today, soon) as { n: number };
  return { overdue: overdue.n, dueSoon: dueSoon.n };
}

/** Open work grouped by responsible unit or by handler. */
export function groupOpen(db: Database, by: 'unit' | 'handler', today: string): { key: string | null; open: number; overdue: number }[] {
  const col = by === 'unit' ? 'unit' : 'handler';
  return db
    .prepare(
      `SELECT ${col} AS key, count(*) AS open, sum(next_due IS NOT NULL AND next_due < ?) AS overdue
         FROM matter_status WHERE fully_closed = 0 GROUP BY ${col} ORDER BY overdue DESC, open DESC`,
    )
    .all(today) as { key: string | null; open: number; overdue: number }[];
}

/** 交办件 batches: how many were handed down and how many are resolved. */
export function batchSummary(db: Database): { batch: string; handedDown: number; resolved: number }[] {
  return db
    .prepare(
      `SELECT batch, count(*) AS handedDown, sum(fully_closed OR state = 'settled') AS resolved
         FROM matter_status WHERE batch IS NOT NULL GROUP BY batch ORDER BY batch`,
    )
    .all() as { batch: string; handedDown: number; resolved: number }[];
}

export function repeatVisitsBetween(db: Database, fromIso: string, toIso: string): number {
  return (db.prepare('SELECT count(*) AS n FROM visits WHERE is_repeat = 1 AND visited_at >= ? AND visited_at < ?').get(fromIso, toIso) as { n: number }).n;
}
