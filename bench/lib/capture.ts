import type { Database, Statement } from 'better-sqlite3';

/** One statement execution: its SQL as prepared and the arguments it ran with. */
export interface Run {
  sql: string;
  method: 'all' | 'get' | 'run' | 'iterate';
  args: unknown[];
}

const EXECUTORS = ['all', 'get', 'run', 'iterate'] as const;

/**
 * Records every statement `fn` executes through db.prepare (the store prepares per call), so the
 * bench can replay exactly the SQL and bindings the core ran, on statements prepared once: the
 * "raw prepared statement" beside which the core's own time is shown.
 */
export function captureRuns(db: Database, fn: () => unknown): Run[] {
  const runs: Run[] = [];
  const prepare = db.prepare;
  db.prepare = ((source: string) => {
    const stmt = prepare.call(db, source);
    for (const name of EXECUTORS) {
      const execute = stmt[name] as (...args: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        runs.push({ sql: source, method: name, args });
        return execute.apply(stmt, args);
      };
    }
    return stmt;
  }) as Database['prepare'];
  try {
    fn();
  } finally {
    db.prepare = prepare;
  }
  return runs;
}

/** Statements prepared once, by SQL text. */
export class StatementCache {
  private readonly stmts = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Replays captured runs on the cached statements; returns the row count (so nothing is optimised away). */
  replay(runs: readonly Run[]): number {
    let n = 0;
    for (const r of runs) {
      const stmt = this.get(r.sql);
      if (r.method === 'all') n += stmt.all(...r.args).length;
      else if (r.method === 'get') n += stmt.get(...r.args) === undefined ? 0 : 1;
      else if (r.method === 'run') n += stmt.run(...r.args).changes;
      else for (const _row of stmt.iterate(...r.args)) n++;
    }
    return n;
  }
}
