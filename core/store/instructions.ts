import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { InstructionState } from '../domain/instructions.js';

interface InstructionRow {
  id: number;
  matter_id: number;
  visit_id: number | null;
  given_on: string;
  leader: string;
  text: string;
  responsible: string;
  due_date: string;
  done_on: string | null;
  done_note: string;
  follow_ups: string;
  case_no: string;
  persons: string | null;
}

export interface InstructionListRow extends InstructionState {
  caseNo: string;
  persons: string;
}

const toState = (r: InstructionRow): InstructionListRow => ({
  id: r.id,
  matterId: r.matter_id,
  visitId: r.visit_id,
  givenOn: r.given_on,
  leader: r.leader,
  text: r.text,
  responsible: r.responsible,
  dueDate: r.due_date,
  doneOn: r.done_on,
  doneNote: r.done_note,
  followUps: JSON.parse(r.follow_ups) as InstructionState['followUps'],
  caseNo: r.case_no,
  persons: r.persons ?? '',
});

/** Rewrites one matter's projection from its freshly folded instructions. */
export function writeInstructions(db: Database, matterId: number, list: readonly InstructionState[]): void {
  db.prepare('DELETE FROM instructions WHERE matter_id = ?').run(matterId);
  const insert = db.prepare(
    `INSERT INTO instructions (id, matter_id, visit_id, given_on, leader, text, responsible, due_date, done_on, done_note, follow_ups)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const i of list) {
    insert.run(i.id, matterId, i.visitId, i.givenOn, i.leader, i.text, i.responsible, i.dueDate, i.doneOn, i.doneNote, JSON.stringify(i.followUps));
  }
}

const SELECT = `SELECT i.*, m.case_no,
  (SELECT group_concat(p.name, '、') FROM matter_persons mp JOIN persons p ON p.id = mp.person_id WHERE mp.matter_id = i.matter_id) AS persons
  FROM instructions i JOIN matters m ON m.id = i.matter_id`;

export function getInstruction(db: Database, id: number): InstructionListRow | null {
  const row = db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as InstructionRow | undefined;
  return row ? toState(row) : null;
}

export function instructionsOfMatters(db: Database, matterIds: readonly number[]): InstructionListRow[] {
  return (db.prepare(`${SELECT} WHERE i.matter_id IN (SELECT value FROM json_each(?)) ORDER BY i.id`).all(JSON.stringify(matterIds)) as InstructionRow[]).map(toState);
}

/** The responsible person's list: open ones by due date first (the responsible index), then done ones. */
export function listInstructions(db: Database, f: { responsible?: string; state: 'open' | 'done' | 'all'; limit: number }): InstructionListRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.responsible !== undefined) {
    where.push('i.responsible = ?');
    args.push(f.responsible);
  }
  if (f.state === 'open') where.push('i.done_on IS NULL');
  if (f.state === 'done') where.push('i.done_on IS NOT NULL');
  return (
    db
      .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.done_on IS NOT NULL, i.due_date, i.id LIMIT ?`)
      .all(...args, f.limit) as InstructionRow[]
  ).map(toState);
}

/** Everyone who has instructions, with how many are open and overdue. */
export function responsibleSummary(db: Database, today: string): { responsible: string; open: number; overdue: number; total: number }[] {
  return db
    .prepare(
      `SELECT responsible, sum(done_on IS NULL) AS open, sum(done_on IS NULL AND due_date < ?) AS overdue, count(*) AS total
         FROM instructions GROUP BY responsible ORDER BY overdue DESC, open DESC, responsible`,
    )
    .all(today) as { responsible: string; open: number; overdue: number; total: number }[];
}
