// Migration 020 (the evaluation lifecycle in the figures' summary): the reply day of every replied,
// unevaluated matter backfilled, and the kept `declined` counts (拒绝评价) added — after it the rows
// equal what the current code keeps for the same matters.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { allCounts } from '../../../core/store/figures.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

describe('migration 020: evaluation lifecycle', () => {
  it('backfills awaiting_eval_since and the 拒绝评价 counts from the kept facts', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
    const db = core.ctx.db;
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '吴十', idNumber: makeId('1962-02-02', 41 + 2 * i) } }],
        visit: { headcount: 1, involved: 1, visitedAt: `2026-0${i + 5}-05T09:00:00+08:00` },
        matter: { purpose: '申诉求决', category: '民政', request: '低保' },
      });
      if (!r.ok) throw new Error(r.message_zh);
      ids.push(r.value.matterId);
    }
    const step = (matterId: number, type: string, on: string, data: object) => {
      const r = core.call(LOCAL_SESSION, 'matters.step', { matterId, type, on, data } as never);
      if (!r.ok) throw new Error(r.message_zh);
    };
    for (const id of ids.slice(0, 3)) {
      step(id, 'accept', '2026-09-01', {});
      step(id, 'reply', '2026-09-10', { facts: '事实', basis: '依据', decision: '意见' });
    }
    step(ids[1]!, 'evaluate', '2026-09-11', { result: '拒绝评价' });
    step(ids[2]!, 'evaluate', '2026-09-11', { unit: '满意', dept: '满意', means: '当面' });
    const awaiting = () => db.prepare('SELECT matter_id AS id, awaiting_eval_since AS since FROM matter_facts ORDER BY matter_id').all();
    const before = awaiting();
    const counts = allCounts(db);
    expect(before).toEqual([{ id: ids[0], since: '2026-09-10' }, { id: ids[1], since: null }, { id: ids[2], since: null }, { id: ids[3], since: null }]);
    expect(counts.filter((c) => c.metric === 'declined')).toHaveLength(2); // its day and its month

    // As version 19 kept them: no column, no index, no declined counts.
    db.exec("DROP INDEX matter_facts_awaiting_eval; ALTER TABLE matter_facts DROP COLUMN awaiting_eval_since; DELETE FROM stat_counts WHERE metric = 'declined';");
    db.pragma('user_version = 19');
    migrate(db, MIGRATIONS, 20);
    expect(awaiting()).toEqual(before);
    expect(allCounts(db)).toEqual(counts);
    // Run over rows that already hold them (as after migration 010 derived with today's definitions): not doubled.
    db.exec('DROP INDEX matter_facts_awaiting_eval; ALTER TABLE matter_facts DROP COLUMN awaiting_eval_since;');
    db.pragma('user_version = 19');
    migrate(db, MIGRATIONS, 20);
    expect(allCounts(db)).toEqual(counts);
    core.close();
  });
});
