// The report and the warnings read the kept summary on its indexes: no statement they run scans a
// growing table (stat_counts, matter_facts, visits, visit_persons, matters, level_skips), nor walks a
// township's every summary row. Each
// statement is captured as the store runs it, with its bindings, and replayed as EXPLAIN QUERY PLAN.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { captureRuns } from '../../../bench/lib/capture.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

/** What may be scanned: small reference tables and a bound JSON list (by name or by the alias used). */
/** A constant row (SELECT EXISTS …) is no table at all. */
const SMALL = /^SCAN (villages|vl|townships|projects|json_each|CONSTANT ROW)\b/;

describe('statistics query plans', () => {
  it('walks indexes for the report, its lists and the warnings', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
    const village = (core.ctx.db.prepare("SELECT id FROM villages WHERE township_code = 'ZMQ' LIMIT 1").get() as { id: number }).id;
    for (let i = 0; i < 30; i++) {
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '孙八', idNumber: makeId('1977-07-07', 2 * i + 1) } }],
        visit: { headcount: 1, involved: 1, visitedAt: `2026-${String(1 + (i % 11)).padStart(2, '0')}-10T09:00:00+08:00` },
        matter: { purpose: '申诉求决', category: '民政', request: '诉求', placeVillageId: village, levelSkips: i % 5 === 0 ? [{ level: 'beijing' }] : [] },
      });
      if (!r.ok) throw new Error(r.message_zh);
    }
    const runs = captureRuns(core.ctx.db, () => {
      for (const [from, to] of [['2026-10-01', '2026-10-31'], ['2026-01-01', '2026-12-31'], ['2026-03-05', '2026-05-10']] as const) {
        core.call(LOCAL_SESSION, 'stats.report', { from, to });
        core.call(LOCAL_SESSION, 'stats.matters', { from, to, figure: 'timelyDecision', side: 'den' });
        core.call(LOCAL_SESSION, 'stats.matters', { from, to, figure: 'backlogResolution', side: 'den' });
      }
      core.call(LOCAL_SESSION, 'stats.warnings', {});
    });
    const stats = runs.filter((r) => /stat_counts|matter_facts|visit_persons|level_skips/.test(r.sql));
    expect(stats.length).toBeGreaterThan(10);
    const scans = runs.flatMap((r) =>
      (core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.args) as { detail: string }[])
        .map((p) => p.detail)
        .filter((d) => (/^SCAN /.test(d) && !SMALL.test(d) && !(d.startsWith('SCAN p') && /FROM projects p\b/.test(r.sql))) || /USING PRIMARY KEY \(township=\?\)$/.test(d))
        .map((d) => `${d} ← ${r.sql.replace(/\s+/g, ' ').slice(0, 120)}`),
    );
    expect(scans).toEqual([]);
    core.close();
  });
});
