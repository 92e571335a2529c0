import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { NoticeKind } from '../domain/notices.js';

/** One row of the register of issued notices (migration 012). */
export interface NoticeRecord {
  id: number;
  matterId: number;
  kind: NoticeKind;
  eventId: number;
  year: number;
  seq: number;
  docNo: string;
  issuedOn: string;
  issuedAt: string;
  issuedBy: string;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
}

interface Row {
  id: number; matter_id: number; kind: string; event_id: number; year: number; seq: number; doc_no: string;
  issued_on: string; issued_at: string; issued_by: string; voided_at: string | null; voided_by: string | null; void_reason: string | null;
}

const COLS = 'id, matter_id, kind, event_id, year, seq, doc_no, issued_on, issued_at, issued_by, voided_at, voided_by, void_reason';
const hydrate = (r: Row): NoticeRecord => ({
  id: r.id, matterId: r.matter_id, kind: r.kind as NoticeKind, eventId: r.event_id, year: r.year, seq: r.seq, docNo: r.doc_no,
  issuedOn: r.issued_on, issuedAt: r.issued_at, issuedBy: r.issued_by, voidedAt: r.voided_at, voidedBy: r.voided_by, voidReason: r.void_reason,
});

export function liveNotice(db: Database, matterId: number, kind: NoticeKind, eventId: number): NoticeRecord | null {
  const r = db.prepare(`SELECT ${COLS} FROM notices WHERE matter_id = ? AND kind = ? AND event_id = ? AND voided_at IS NULL`).get(matterId, kind, eventId) as Row | undefined;
  return r ? hydrate(r) : null;
}

export function getNotice(db: Database, id: number): NoticeRecord | null {
  const r = db.prepare(`SELECT ${COLS} FROM notices WHERE id = ?`).get(id) as Row | undefined;
  return r ? hydrate(r) : null;
}

export const noticesOfMatter = (db: Database, matterId: number): NoticeRecord[] =>
  (db.prepare(`SELECT ${COLS} FROM notices WHERE matter_id = ? ORDER BY id`).all(matterId) as Row[]).map(hydrate);

/** The register of one type and year in number order (what an inspector reads for gaps). */
export const noticeRegister = (db: Database, kind: NoticeKind, year: number): NoticeRecord[] =>
  (db.prepare(`SELECT ${COLS} FROM notices WHERE kind = ? AND year = ? ORDER BY seq`).all(kind, year) as Row[]).map(hydrate);

export interface IssueRequest {
  matterId: number;
  kind: NoticeKind;
  eventId: number;
  year: number;
  issuedOn: string;
  by: string;
  at: string;
  /** Makes the 文号 from the number taken. */
  docNo: (seq: number) => string;
}

/**
 * The live notice for this matter, kind and event, or a new one with the next number of its type
 * and year. One IMMEDIATE transaction: the write lock is taken before the look-up, so a second
 * connection waits (busy timeout) instead of reading the same "none yet" and racing for a number.
 */
export function issueNotice(db: Database, req: IssueRequest): { notice: NoticeRecord; created: boolean } {
  const run = db.transaction((): { notice: NoticeRecord; created: boolean } => {
    const existing = liveNotice(db, req.matterId, req.kind, req.eventId);
    if (existing) return { notice: existing, created: false };
    const { last } = db
      .prepare(
        `INSERT INTO notice_sequences (kind, year, last) VALUES (?, ?, 1)
         ON CONFLICT (kind, year) DO UPDATE SET last = last + 1 RETURNING last`,
      )
      .get(req.kind, req.year) as { last: number };
    const info = db
      .prepare('INSERT INTO notices (matter_id, kind, event_id, year, seq, doc_no, issued_on, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(req.matterId, req.kind, req.eventId, req.year, last, req.docNo(last), req.issuedOn, req.at, req.by);
    return { notice: getNotice(db, Number(info.lastInsertRowid))!, created: true };
  });
  // Nested in a caller's transaction, better-sqlite3 makes this a savepoint; on its own, IMMEDIATE.
  return db.inTransaction ? run() : run.immediate();
}

/** Marks a notice void; its number stays taken. False when it was already void. */
export function voidNotice(db: Database, id: number, by: string, at: string, reason: string): boolean {
  return db.prepare('UPDATE notices SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL').run(at, by, reason, id).changes === 1;
}
