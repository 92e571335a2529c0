import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

/** One statement execution: its SQL as prepared and the arguments it ran with. */
export interface Run {
  sql: string;
  method: 'all' | 'get' | 'run' | 'iterate';
  args: unknown[];
}

const EXECUTORS = ['all', 'get', 'run', 'iterate'] as const;

/**
 * Records every statement `fn` executes through db.prepare, so the bench can replay exactly the SQL
 * and bindings the core ran, on statements prepared once: the "raw prepared statement" beside which
 * the core's own time is shown. The store keeps its statements compiled, so the recording wraps the
 * returned statement in a proxy and never changes the statement itself.
 */
export function captureRuns(db: Database, fn: () => unknown): Run[] {
  const runs: Run[] = [];
  const prepare = db.prepare;
  db.prepare = ((source: string) => recording(prepare.call(db, source), source, runs)) as Database['prepare'];
  try {
    fn();
  } finally {
    db.prepare = prepare;
  }
  return runs;
}

function recording(stmt: Statement, sql: string, runs: Run[]): Statement {
  return new Proxy(stmt, {
    get(target, prop) {
      const name = EXECUTORS.find((e) => e === prop);
      if (!name) return Reflect.get(target, prop, target);
      return (...args: unknown[]) => {
        runs.push({ sql, method: name, args });
        return (target[name] as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
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
