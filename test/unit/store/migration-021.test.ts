// Migration 021 (the live counts' deadlines as columns): decide_due and reply_due backfilled from the
// kept facts, array and object form alike — after it the rows equal what the current code keeps, and
// the report's 逾期未告知 / 逾期未答复 come from them.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { decodeFacts } from '../../../core/store/facts-codec.js';
import { countLate } from '../../../core/store/figures.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

describe('migration 021: late columns', () => {
  it('backfills decide_due and reply_due from the facts, and the live counts read them', () => {
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
    // ids[0]: never decided (decision due 05-20); ids[1]: accepted, no reply; ids[2]: replied; ids[3]: replied and closed.
    step(ids[1]!, 'accept', '2026-06-10', {});
    step(ids[2]!, 'accept', '2026-07-10', {});
    step(ids[2]!, 'reply', '2026-07-20', { facts: '事实', basis: '依据', decision: '意见' });
    step(ids[3]!, 'accept', '2026-08-10', {});
    step(ids[3]!, 'reply', '2026-08-20', { facts: '事实', basis: '依据', decision: '意见' });
    step(ids[3]!, 'close', '2026-08-30', {});
    const rows = () => db.prepare('SELECT matter_id AS id, decide_due, reply_due FROM matter_facts ORDER BY matter_id').all() as { id: number; decide_due: string | null; reply_due: string | null }[];
    const before = rows();
    expect(before.map((r) => [r.decide_due !== null, r.reply_due !== null])).toEqual([[true, false], [false, true], [false, false], [false, false]]);
    expect(before[0]!.decide_due).toBe('2026-05-20');
    expect(countLate(db, { township: 'ZMQ' }, '2026-01-01', '2026-12-31', '2026-11-24')).toEqual({ decideLate: 1, replyLate: 1 });
    // A day before the decision is due, nothing is late yet; a period without those matters counts none.
    expect(countLate(db, { township: 'ZMQ' }, '2026-01-01', '2026-12-31', '2026-05-20').decideLate).toBe(0);
    expect(countLate(db, { township: 'ZMQ' }, '2026-07-01', '2026-08-31', '2026-11-24')).toEqual({ decideLate: 0, replyLate: 0 });

    // As version 20 kept them: no columns, the open index on (township, registered_on); one row in the object form of before 015.
    const first = db.prepare('SELECT facts_json FROM matter_facts WHERE matter_id = ?').get(ids[0]) as { facts_json: string };
    db.prepare('UPDATE matter_facts SET facts_json = ? WHERE matter_id = ?').run(JSON.stringify(decodeFacts(first.facts_json)), ids[0]);
    db.exec('DROP INDEX matter_facts_open; ALTER TABLE matter_facts DROP COLUMN decide_due; ALTER TABLE matter_facts DROP COLUMN reply_due;');
    db.exec('CREATE INDEX matter_facts_open ON matter_facts (township, registered_on) WHERE resolved_on IS NULL;');
    db.pragma('user_version = 20');
    migrate(db, MIGRATIONS, 21);
    expect(rows()).toEqual(before);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT count(CASE WHEN decide_due < '2026-11-24' THEN 1 END) FROM matter_facts WHERE township = 'ZMQ' AND resolved_on IS NULL AND registered_on >= '2026-01-01' AND registered_on <= '2026-12-31'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX matter_facts_open/);
    core.close();
  });
});
