import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Bulk loading (synthetic data for benchmarks, never the desk's own writes): a large page cache and
 * no fsync per commit while loading, then the desk's settings back and the WAL folded into the
 * database. A crash mid-load can leave a partial database; the loader refuses a non-empty one, so
 * the remedy is to delete the folder and load again.
 */
export function bulkLoad<T>(db: Database, fn: () => T): T {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576'); // 1 GiB
  db.pragma('temp_store = MEMORY');
  try {
    return fn();
  } finally {
    db.pragma(`synchronous = ${Number(synchronous)}`);
    db.pragma(`cache_size = ${Number(cacheSize)}`);
    db.pragma('temp_store = DEFAULT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** Row counts of the tables a seeded database is judged by. */
export function tableCounts(db: Database, tables: readonly string[]): Record<string, number> {
  const known = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    if (!known.has(t)) continue; // only names read from the schema reach the SQL text below
    counts[t] = (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
  }
  return counts;
}

/** True when the database holds no persons yet. */
export function hasNoPersons(db: Database): boolean {
  return db.prepare('SELECT 1 FROM persons LIMIT 1').get() === undefined;
}

/** The newest change-journal entry (0 when empty, or before the bundles migration). */
export function latestChangeSeq(db: Database): number {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'change_log'").get()) return 0;
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
}

/**
 * Forgets the change-journal entries up to `seq`, as an export that covered them would (see
 * recordExport in bundles.ts): for seeded data that counts as already sent to the county.
 */
export function forgetChangesUpTo(db: Database, seq: number): number {
  if (seq <= 0) return 0;
  return db.prepare('DELETE FROM change_log WHERE seq <= ?').run(seq).changes;
}
