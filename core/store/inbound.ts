/**
 * What the county sent down and the desk imported: the chain of its bundles per kind (receipts,
 * 交办件 batches), each exported bundle's fate as the receipts tell it, and which matter each
 * 交办件 item became.
 */
import type { Database } from './sqlite.js';

export type InboundKind = 'receipt' | 'assignment';

export interface InboundRow {
  kind: InboundKind;
  sequence: number;
  sha256: string;
  previous: string | null;
  key_id: string;
  created_at: string;
  imported_at: string;
  summary: string;
}

export function lastInbound(db: Database, kind: InboundKind): InboundRow | null {
  return (db.prepare('SELECT * FROM inbound_bundles WHERE kind = ? ORDER BY sequence DESC LIMIT 1').get(kind) as InboundRow | undefined) ?? null;
}

export function inboundAt(db: Database, kind: InboundKind, sequence: number): InboundRow | null {
  return (db.prepare('SELECT * FROM inbound_bundles WHERE kind = ? AND sequence = ?').get(kind, sequence) as InboundRow | undefined) ?? null;
}

export function insertInbound(db: Database, r: InboundRow): void {
  db.prepare('INSERT INTO inbound_bundles (kind, sequence, sha256, previous, key_id, created_at, imported_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.kind, r.sequence, r.sha256, r.previous, r.key_id, r.created_at, r.imported_at, r.summary,
  );
}

export function inboundList(db: Database, kind: InboundKind, limit: number): InboundRow[] {
  return db.prepare('SELECT * FROM inbound_bundles WHERE kind = ? ORDER BY sequence DESC LIMIT ?').all(kind, limit) as InboundRow[];
}

export interface FateRow {
  bundle_sha256: string;
  bundle_sequence: number;
  status: 'imported' | 'already' | 'refused';
  code: string | null;
  reason: string | null;
  audit_head: string | null;
  received_at: string;
  receipt_sequence: number;
}

/** The newest receipt about a bundle wins (a bundle refused for a gap may be imported once the gap is filled). */
export function upsertFate(db: Database, f: FateRow): void {
  db.prepare(
    `INSERT INTO bundle_fates (bundle_sha256, bundle_sequence, status, code, reason, audit_head, received_at, receipt_sequence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (bundle_sha256) DO UPDATE SET status = excluded.status, code = excluded.code, reason = excluded.reason,
       audit_head = excluded.audit_head, received_at = excluded.received_at, receipt_sequence = excluded.receipt_sequence
     WHERE excluded.receipt_sequence > bundle_fates.receipt_sequence`,
  ).run(f.bundle_sha256, f.bundle_sequence, f.status, f.code, f.reason, f.audit_head, f.received_at, f.receipt_sequence);
}

export function fatesBySha(db: Database): Map<string, FateRow> {
  return new Map((db.prepare('SELECT * FROM bundle_fates').all() as FateRow[]).map((f) => [f.bundle_sha256, f]));
}

export function linkAssignmentMatter(db: Database, bundleSequence: number, item: string, matterId: number): void {
  db.prepare('INSERT INTO assignment_matters (bundle_sequence, item, matter_id) VALUES (?, ?, ?)').run(bundleSequence, item, matterId);
}

export function assignmentMatters(db: Database, bundleSequence: number): { item: string; matter_id: number }[] {
  return db.prepare('SELECT item, matter_id FROM assignment_matters WHERE bundle_sequence = ? ORDER BY item').all(bundleSequence) as { item: string; matter_id: number }[];
}

/** Every bundle this desk exported, newest first, for its fate at the county. */
export function exportList(db: Database, limit: number): { sequence: number; sha256: string; file: string; createdAt: string; full: boolean }[] {
  return (
    db.prepare('SELECT sequence, sha256, file, created_at AS createdAt, full FROM bundle_exports ORDER BY sequence DESC LIMIT ?').all(limit) as {
      sequence: number; sha256: string; file: string; createdAt: string; full: number;
    }[]
  ).map((r) => ({ ...r, full: r.full === 1 }));
}
