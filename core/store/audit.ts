import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
}

export interface AuditRow extends AuditEntry {
  id: number;
  prev_hash: string;
  hash: string;
}

/** The hash of one entry: over the previous hash and the entry's own fields, in a fixed order. */
export function entryHash(prev: string, id: number, e: AuditEntry): string {
  return createHash('sha256').update(JSON.stringify([prev, id, e.at, e.actor, e.action, e.target, e.outcome])).digest('hex');
}

export function auditHead(db: Database): { id: number; hash: string } {
  const row = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  return row ?? { id: 0, hash: GENESIS };
}

/**
 * Appends one entry to the chain. Personal data never goes in: `target` names a record by kind and
 * number (person:12), never by its content.
 */
export function appendAudit(db: Database, e: AuditEntry): void {
  const head = auditHead(db);
  const id = head.id + 1;
  db.prepare('INSERT INTO audit_log (id, at, actor, action, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    e.at,
    e.actor,
    e.action,
    e.target,
    e.outcome,
    head.hash,
    entryHash(head.hash, id, e),
  );
}

/** Walks the chain; the first entry whose link or hash does not hold is where tampering begins. */
export function verifyAudit(db: Database): { ok: true; entries: number; head: string } | { ok: false; brokenAt: number; entries: number } {
  let prev = GENESIS;
  let expectedId = 1;
  let n = 0;
  for (const row of db.prepare('SELECT id, at, actor, action, target, outcome, prev_hash, hash FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    n++;
    if (row.id !== expectedId || row.prev_hash !== prev || entryHash(prev, row.id, row) !== row.hash) return { ok: false, brokenAt: row.id, entries: n };
    prev = row.hash;
    expectedId++;
  }
  return { ok: true, entries: n, head: prev };
}

export function listAudit(
  db: Database,
  f: { from?: string; to?: string; actor?: string; action?: string; limit: number },
): AuditRow[] {
  const conditions: [string, unknown][] = [];
  if (f.from) conditions.push(['at >= ?', f.from]);
  if (f.to) conditions.push(['at < ?', f.to]);
  if (f.actor) conditions.push(['actor = ?', f.actor]);
  if (f.action) conditions.push(['action LIKE ?', `${f.action}%`]);
  const where = conditions.map(([c]) => c);
  const args = conditions.map(([, v]) => v);
  return db
    .prepare(`SELECT id, at, actor, action, target, outcome, prev_hash, hash FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
    .all(...args, f.limit) as AuditRow[];
}
