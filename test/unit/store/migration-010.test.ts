// Migration 010 builds the figures' summary from the matters already there: after it, the facts and
// counts equal what the store keeps when the same events are written one by one at version 10.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { allCounts } from '../../../core/store/figures.js';
import { decodeFacts } from '../../../core/store/facts-codec.js';
import { foldMatter } from '../../../core/services/matter-status.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

describe('migration 010: the figures summary backfilled', () => {
  it('gives every existing matter its facts and the counts the store would have kept', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
    const db = core.ctx.db;
    const village = (db.prepare("SELECT id FROM villages WHERE township_code = 'ZMQ' ORDER BY id LIMIT 1").get() as { id: number }).id;
    const reg = (on: string, seq: number, extra: object = {}) => {
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '王五', idNumber: makeId('1960-01-01', seq) } }],
        visit: { headcount: 6, involved: 6, visitedAt: `${on}T09:00:00+08:00` },
        matter: { purpose: '申诉求决', category: '民政', request: '低保', placeVillageId: village, ...extra },
      });
      if (!r.ok) throw new Error(r.message_zh);
      return r.value;
    };
    const a = reg('2026-01-05', 11, { levelSkips: [{ level: 'province' }] });
    reg('2026-10-05', 13);
    for (const [type, on, data] of [['accept', '2026-01-06', {}], ['reply', '2026-08-01', { facts: '事实', basis: '依据', decision: '意见' }], ['settle', '2026-08-20', {}]] as const) {
      const r = core.call(LOCAL_SESSION, 'matters.step', { matterId: a.matterId, type, on, data } as never);
      if (!r.ok) throw new Error(r.message_zh);
    }
    const counts = allCounts(db);
    // Read through the codec: version 10 wrote objects, migration 015 arrays of the same values.
    // Without the columns later migrations add (020: awaiting_eval_since; 021: decide_due, reply_due), which version 10 did not have.
    const factRows = () =>
      (db.prepare('SELECT * FROM matter_facts ORDER BY matter_id').all() as { facts_json: string; awaiting_eval_since?: unknown; decide_due?: unknown; reply_due?: unknown }[]).map(
        ({ awaiting_eval_since: _020, decide_due: _d021, reply_due: _r021, ...r }) => ({ ...r, facts_json: decodeFacts(r.facts_json) }),
      );
    const facts = factRows();
    expect(counts.length).toBeGreaterThan(20);
    expect(facts).toHaveLength(2);

    // Back to version 9, as it was before this migration, then forward again.
    db.exec('DROP TABLE matter_facts; DROP TABLE stat_counts; DROP INDEX level_skips_level;');
    // Version 9 kept each matter's whole folded status beside its columns (dropped again by migration 014).
    db.exec("ALTER TABLE matter_status ADD COLUMN status_json TEXT NOT NULL DEFAULT '{}'");
    for (const { id } of db.prepare('SELECT matter_id AS id FROM matter_status').all() as { id: number }[]) {
      db.prepare('UPDATE matter_status SET status_json = ? WHERE matter_id = ?').run(JSON.stringify(foldMatter(core.ctx, id)), id);
    }
    db.pragma('user_version = 9');
    migrate(db, MIGRATIONS, 10);
    expect(factRows()).toEqual(facts);
    expect(allCounts(db)).toEqual(counts);
    // The settled group matter: 集体访, 到省, resolved on 08-20 (积案 from 07-05: 2026-01-05 + 181 days, the first day past 180).
    const f = facts[0]!.facts_json;
    expect([f.isGroup, f.state, f.resolvedOn, f.backlogOn, f.skips]).toEqual([true, 'settled', '2026-08-20', '2026-07-05', [{ level: 'province', on: '2026-01-05' }]]);
    core.close();
  });
});
