// Migration 015 rewrites each matter's facts from an object to the codec's positional array: after
// it, every row reads back equal to what was there, the counts are untouched, and the rows are smaller.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { allCounts, readFacts } from '../../../core/store/figures.js';
import { decodeFacts, encodeFacts } from '../../../core/store/facts-codec.js';
import type { MatterFacts } from '../../../core/domain/figures.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

describe('migration 015 and the facts codec', () => {
  it('round-trips facts exactly, with an unlisted key kept and the object form still read', () => {
    const f = { matterId: 7, township: 'ZMQ', state: 'handling', villageId: null, isGroup: true, visitDays: [['2026-01-05', 1, 6, 1, 0]], skips: [{ level: 'province', on: '2026-01-05' }] } as unknown as MatterFacts;
    const g = decodeFacts(encodeFacts(f));
    expect(g).toEqual(f); // the keys it lacks stay absent, not null
    expect(Object.keys(g).sort()).toEqual(Object.keys(f).sort());
    const later = { ...f, newFigure: 3 } as MatterFacts;
    expect(decodeFacts(encodeFacts(later))).toEqual(later);
    expect(decodeFacts(JSON.stringify(f))).toEqual(f);
  });

  it('rewrites every existing row, which then reads the same, and leaves the counts', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
    const db = core.ctx.db;
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '王五', idNumber: makeId('1960-01-01', 21 + 2 * i) } }],
        visit: { headcount: 1 + i, involved: 1 + i, visitedAt: `2026-0${i + 1}-05T09:00:00+08:00` },
        matter: { purpose: '申诉求决', category: '民政', request: '低保', levelSkips: i === 1 ? [{ level: 'province' }] : [] },
      });
      if (!r.ok) throw new Error(r.message_zh);
      ids.push(r.value.matterId);
    }
    const ok = core.call(LOCAL_SESSION, 'matters.step', { matterId: ids[0]!, type: 'accept', on: '2026-01-06', data: {} } as never);
    expect(ok.ok).toBe(true);
    const facts = ids.map((id) => readFacts(db, id));
    const counts = allCounts(db);
    const compact = (db.prepare('SELECT sum(length(facts_json)) AS n FROM matter_facts').get() as { n: number }).n;

    // As version 14 wrote them: objects.
    for (const f of facts) db.prepare('UPDATE matter_facts SET facts_json = ? WHERE matter_id = ?').run(JSON.stringify(f), f!.matterId);
    const before = (db.prepare('SELECT sum(length(facts_json)) AS n FROM matter_facts').get() as { n: number }).n;
    db.pragma('user_version = 14');
    migrate(db, MIGRATIONS, 15);
    expect((db.prepare("SELECT count(*) AS n FROM matter_facts WHERE facts_json LIKE '{%'").get() as { n: number }).n).toBe(0);
    expect(ids.map((id) => readFacts(db, id))).toEqual(facts);
    expect(allCounts(db)).toEqual(counts);
    const after = (db.prepare('SELECT sum(length(facts_json)) AS n FROM matter_facts').get() as { n: number }).n;
    expect(after).toBe(compact);
    expect(after).toBeLessThan(before * 0.6);
    core.close();
  });
});
