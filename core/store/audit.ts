import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RevealTally } from '../domain/views/audit.js';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  /** The reason the actor stated (a reveal's), or ''. May name people: it stays in the trail, never in a log. */
  detail?: string;
}

export interface AuditRow extends AuditEntry {
  id: number;
  prev_hash: string;
  hash: string;
}

/**
 * The hash of one entry: over the previous hash and the entry's own fields, in a fixed order. The
 * detail (migration 010) only when there is one, so every entry written before it keeps its hash.
 */
export function entryHash(prev: string, id: number, e: AuditEntry): string {
  const fields = [prev, id, e.at, e.actor, e.action, e.target, e.outcome, ...(e.detail ? [e.detail] : [])];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Whether this database has the detail column yet (an older backup or a county's copy may not). */
const hasDetail = (db: Database): boolean =>
  (db.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'detail'").get() as unknown) !== undefined;

export function auditHead(db: Database): { id: number; hash: string } {
  const row = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  return row ?? { id: 0, hash: GENESIS };
}

/** A checkpoint is signed at least every this many entries (and at every bundle export). */
export const AUDIT_CHECKPOINT_EVERY = 100;

/** The trail's length and head, as a checkpoint signs them. */
export interface AuditHead {
  entries: number;
  head: string;
  at: string;
}

/**
 * Signs and stores a checkpoint for a head (core/bundle/audit-checkpoint.ts, which holds the key);
 * set per connection when the desk opens, so the store needs no key and no signing code.
 */
export type AuditCheckpointer = (head: AuditHead) => void;
const checkpointers = new WeakMap<Database, AuditCheckpointer>();

export function setAuditCheckpointer(db: Database, checkpointer: AuditCheckpointer | null): void {
  if (checkpointer) checkpointers.set(db, checkpointer);
  else checkpointers.delete(db);
}

/**
 * Appends one entry to the chain. Personal data never goes in: `target` names a record by kind and
 * number (person:12), never by its content. When AUDIT_CHECKPOINT_EVERY entries have passed since
 * the last checkpoint, one is signed in the same transaction; if the key is not reachable here (the
 * command line on a desk whose key the app keeps) the next entry tries again.
 */
export function appendAudit(db: Database, e: AuditEntry): void {
  const head = auditHead(db);
  const id = head.id + 1;
  const hash = entryHash(head.hash, id, e);
  if (e.detail) {
    db.prepare('INSERT INTO audit_log (id, at, actor, action, target, outcome, prev_hash, hash, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id, e.at, e.actor, e.action, e.target, e.outcome, head.hash, hash, e.detail,
    );
  } else {
    db.prepare('INSERT INTO audit_log (id, at, actor, action, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id, e.at, e.actor, e.action, e.target, e.outcome, head.hash, hash,
    );
  }
  const checkpointer = checkpointers.get(db);
  if (checkpointer && id - lastCheckpointEntries(db) >= AUDIT_CHECKPOINT_EVERY) {
    try {
      checkpointer({ entries: id, head: hash, at: e.at });
    } catch {
      // No key here: the entry stands, unsigned for now; the next append tries again.
    }
  }
}

// ---- checkpoints -------------------------------------------------------------------------------
export interface AuditCheckpoint {
  entries: number;
  head: string;
  at: string;
  reason: 'interval' | 'export';
  /** The bundle's sequence, for an export checkpoint. */
  bundle: number | null;
  township: string | null;
  keyId: string;
  /** base64 */
  sig: string;
}

const hasCheckpoints = (db: Database) => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_checkpoints'").get() !== undefined;

function lastCheckpointEntries(db: Database): number {
  return (db.prepare('SELECT coalesce(max(entries), 0) AS n FROM audit_checkpoints').get() as { n: number }).n;
}

/** Keeps a checkpoint; one already kept for the same length and reason stays (an export at an interval's length). */
export function insertCheckpoint(db: Database, c: AuditCheckpoint): void {
  db.prepare(
    `INSERT INTO audit_checkpoints (entries, head, at, reason, bundle, township, key_id, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (entries, reason) DO NOTHING`,
  ).run(c.entries, c.head, c.at, c.reason, c.bundle, c.township, c.keyId, c.sig);
}

export function listCheckpoints(db: Database): AuditCheckpoint[] {
  if (!hasCheckpoints(db)) return [];
  return db
    .prepare('SELECT entries, head, at, reason, bundle, township, key_id AS keyId, sig FROM audit_checkpoints ORDER BY entries, id')
    .all() as AuditCheckpoint[];
}

/** The trail lengths at the last `limit` export checkpoints, newest first. */
export function exportCheckpointLengths(db: Database, limit: number): number[] {
  return (db.prepare("SELECT entries FROM audit_checkpoints WHERE reason = 'export' ORDER BY id DESC LIMIT ?").all(limit) as { entries: number }[]).map(
    (r) => r.entries,
  );
}

/** The hash the trail holds now for entry `id`, or null when there is no such entry any more. */
export function entryHashAt(db: Database, id: number): string | null {
  return (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string } | undefined)?.hash ?? null;
}

/**
 * Walks the chain; the first entry whose link or hash does not hold is where tampering begins.
 * `positions`: entry ids whose hash the caller wants back (the checkpoints' lengths), read in the
 * same pass (the connection is busy while it iterates).
 */
export function verifyAudit(
  db: Database,
  positions: readonly number[] = [],
): ({ ok: true; entries: number; head: string } | { ok: false; brokenAt: number; entries: number }) & { hashesAt: Map<number, string> } {
  const wanted = new Set(positions);
  const hashesAt = new Map<number, string>();
  let prev = GENESIS;
  let expectedId = 1;
  let n = 0;
  const columns = `id, at, actor, action, target, outcome, prev_hash, hash${hasDetail(db) ? ', detail' : ''}`;
  for (const row of db.prepare(`SELECT ${columns} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditRow>) {
    n++;
    if (row.id !== expectedId || row.prev_hash !== prev || entryHash(prev, row.id, row) !== row.hash) return { ok: false, brokenAt: row.id, entries: n, hashesAt };
    if (wanted.has(row.id)) hashesAt.set(row.id, row.hash);
    prev = row.hash;
    expectedId++;
  }
  return { ok: true, entries: n, head: prev, hashesAt };
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
    .prepare(`SELECT id, at, actor, action, target, outcome, prev_hash, hash, detail FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
    .all(...args, f.limit) as AuditRow[];
}

// ---- reveals -----------------------------------------------------------------------------------
/** How many times `actor` revealed a full ID number or phone (successfully) since `since` (ISO). */
export function revealsSince(db: Database, actor: string, action: string, since: string): number {
  return (
    db.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = ? AND at >= ? AND action = ? AND outcome = 'ok'").get(actor, since, action) as { n: number }
  ).n;
}

/** Per actor since `since`: reveals, refusals with `limitCode`, and their busiest day (UTC+8). */
export function revealTallies(db: Database, action: string, limitCode: string, since: string): RevealTally[] {
  return db
    .prepare(
      `WITH days AS (
         SELECT actor, substr(datetime(at, '+8 hours'), 1, 10) AS day,
                sum(outcome = 'ok') AS reveals, sum(outcome = ?) AS refused, max(at) AS last_at
         FROM audit_log WHERE at >= ? AND action = ? GROUP BY actor, day
       ), ranked AS (
         SELECT *, row_number() OVER (PARTITION BY actor ORDER BY reveals DESC, day DESC) AS rank FROM days
       )
       SELECT actor, (SELECT sum(d.reveals) FROM days d WHERE d.actor = r.actor) AS reveals,
              (SELECT sum(d.refused) FROM days d WHERE d.actor = r.actor) AS refused,
              day AS busiestDay, reveals AS busiestDayReveals,
              (SELECT max(d.last_at) FROM days d WHERE d.actor = r.actor) AS lastAt
       FROM ranked r WHERE rank = 1 ORDER BY actor`,
    )
    .all(limitCode, since, action) as RevealTally[];
}
