/**
 * The township side of case bundles: center keys (public halves), the bundles exported, the county's
 * recipient, and a read-only snapshot connection the export reads its rows from while the desk keeps
 * writing (WAL lets one connection read a fixed snapshot as another writes).
 */
import { openSqlite, type Database } from './sqlite.js';
import { ident } from './change-log.js';

// ---- center keys ---------------------------------------------------------------------------
export interface CenterKeyRow {
  key_id: string;
  suite: 'ed25519' | 'sm2';
  public_key: string;
  created_at: string;
  retired_at: string | null;
  rotation: string | null;
  /** The age recipient of the identity made with this key (migration 017); null on a key from before. */
  age_recipient: string | null;
}

export function currentCenterKey(db: Database): CenterKeyRow | null {
  return (db.prepare('SELECT * FROM center_keys WHERE retired_at IS NULL').get() as CenterKeyRow | undefined) ?? null;
}

export function insertCenterKey(db: Database, k: Omit<CenterKeyRow, 'retired_at' | 'age_recipient'> & { age_recipient?: string | null }): void {
  db.prepare('INSERT INTO center_keys (key_id, suite, public_key, created_at, retired_at, rotation, age_recipient) VALUES (?, ?, ?, ?, NULL, ?, ?)').run(
    k.key_id,
    k.suite,
    k.public_key,
    k.created_at,
    k.rotation,
    k.age_recipient ?? null,
  );
}

export function setCenterKeyRecipient(db: Database, keyId: string, recipient: string): void {
  db.prepare('UPDATE center_keys SET age_recipient = ? WHERE key_id = ?').run(recipient, keyId);
}

export function retireCenterKey(db: Database, keyId: string, at: string): void {
  db.prepare('UPDATE center_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL').run(at, keyId);
}

export function centerKeys(db: Database): CenterKeyRow[] {
  return db.prepare('SELECT * FROM center_keys ORDER BY created_at, key_id').all() as CenterKeyRow[];
}

// ---- exported bundles ----------------------------------------------------------------------
export interface ExportRecord {
  sequence: number;
  sha256: string;
  file: string;
  size: number;
  full: boolean;
  keyId: string;
  createdAt: string;
  expiresAt: string;
  /** The newest change-journal entry the bundle covered. */
  lastChangeSeq: number;
  counts: Record<string, { rows: number; deletes: number }>;
}

export function lastExport(db: Database): ExportRecord | null {
  const r = db
    .prepare(
      `SELECT sequence, sha256, file, size, full, key_id AS keyId, created_at AS createdAt, expires_at AS expiresAt,
              last_change_seq AS lastChangeSeq, counts FROM bundle_exports ORDER BY sequence DESC LIMIT 1`,
    )
    .get() as (Omit<ExportRecord, 'full' | 'counts'> & { full: number; counts: string }) | undefined;
  return r ? { ...r, full: r.full === 1, counts: JSON.parse(r.counts) as ExportRecord['counts'] } : null;
}

/**
 * Records a finished export and forgets the journal entries it covered: the next bundle starts after
 * them, and a lost bundle is replaced by a full one, never rebuilt from the journal.
 */
export function recordExport(db: Database, r: ExportRecord): void {
  db.prepare(
    `INSERT INTO bundle_exports (sequence, sha256, file, size, full, key_id, created_at, expires_at, last_change_seq, counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.sequence, r.sha256, r.file, r.size, r.full ? 1 : 0, r.keyId, r.createdAt, r.expiresAt, r.lastChangeSeq, JSON.stringify(r.counts));
  db.prepare('DELETE FROM change_log WHERE seq <= ?').run(r.lastChangeSeq);
}

/** Journal entries not yet in a bundle (an estimate of pending work: a row changed twice counts twice). */
export function pendingChanges(db: Database, after: number): number {
  return (db.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?').get(after) as { n: number }).n;
}

// ---- the export's snapshot -----------------------------------------------------------------
export type Row = Record<string, unknown>;

/**
 * A second, read-only connection holding one read transaction: every row the export writes comes
 * from the same instant, and the journal position taken with it says exactly where the next bundle
 * starts. Pages are small so the export can yield to the desk between them.
 */
export class ExportSnapshot {
  private readonly db: Database;
  readonly maxChangeSeq: number;
  readonly auditHead: { entries: number; head: string } | null;

  constructor(file: string, key: Buffer | null) {
    this.db = openSqlite(file, { readonly: true, fileMustExist: true, key });
    this.db.exec('BEGIN');
    this.maxChangeSeq = (this.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
    this.auditHead = this.readAuditHead();
  }

  /** The audit chain's head, once the desk has an audit trail (a table `audit_log` with hashes). */
  private readAuditHead(): { entries: number; head: string } | null {
    const has = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'").get();
    if (!has) return null;
    const row = this.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
    return row ? { entries: row.id, head: row.hash } : null;
  }

  count(table: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${ident(table)}`).get() as { n: number }).n;
  }

  /** A page of every row, in rowid order (stable inside the snapshot). */
  allRows(table: string, afterRowid: number, limit: number): { rows: Row[]; last: number } {
    const rows = this.db
      .prepare(`SELECT rowid AS "$rowid", * FROM ${ident(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .all(afterRowid, limit) as Row[];
    const last = rows.length ? (rows.at(-1)!.$rowid as number) : afterRowid;
    for (const r of rows) delete r.$rowid;
    return { rows, last };
  }

  /** Collects the distinct rows named in the journal window (after, upTo] into a temporary table. */
  collectChanges(after: number): number {
    this.db.exec('DROP TABLE IF EXISTS temp.bundle_keys');
    this.db.exec('CREATE TEMP TABLE bundle_keys (tbl TEXT NOT NULL, row_key TEXT NOT NULL)');
    this.db
      .prepare('INSERT INTO temp.bundle_keys (tbl, row_key) SELECT tbl, row_key FROM change_log WHERE seq > ? AND seq <= ? GROUP BY tbl, row_key')
      .run(after, this.maxChangeSeq);
    return (this.db.prepare('SELECT count(*) AS n FROM temp.bundle_keys').get() as { n: number }).n;
  }

  /** A page of changed rows of one table: the row as it is now, or null when it was deleted. */
  changedRows(table: string, key: readonly string[], afterId: number, limit: number): { items: { key: unknown[]; row: Row | null }[]; last: number } {
    const on = key.map((k, i) => `t.${ident(k)} = json_extract(k.row_key, '$[${i}]')`).join(' AND ');
    const rows = this.db
      .prepare(
        `SELECT k.rowid AS "$k", k.row_key AS "$key", t.rowid AS "$present", t.* FROM temp.bundle_keys k
         LEFT JOIN ${ident(table)} t ON ${on}
         WHERE k.tbl = ? AND k.rowid > ? ORDER BY k.rowid LIMIT ?`,
      )
      .all(table, afterId, limit) as Row[];
    const last = rows.length ? (rows.at(-1)!.$k as number) : afterId;
    const items = rows.map((r) => {
      const keyValues = JSON.parse(r.$key as string) as unknown[];
      const present = r.$present !== null;
      delete r.$k;
      delete r.$key;
      delete r.$present;
      return { key: keyValues, row: present ? r : null };
    });
    return { items, last };
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}
