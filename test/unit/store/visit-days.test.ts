// A free range's 重复信访率 counts distinct matters from visit_days (migration 022): each matter once, on
// its first visit day in the range, whatever its visits before, after or on the same day; only the
// scope's township, and every township's without one. The migration's fill equals what writeFacts keeps.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { distinctInRange } from '../../../core/store/figures.js';
import { insertMatter } from '../../../core/store/matters.js';
import { insertVisit } from '../../../core/store/visits.js';
import { refreshStatus } from '../../../core/services/matter-status.js';
import { appendEvent } from '../../../core/store/events.js';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function register(core: Core, visitedAt: string, who: { idNumber: string } | { personId: number }, existingId?: number): { matterId: number; personId: number } {
  const person = 'personId' in who ? who : { name: '孙八', idNumber: who.idNumber };
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person }],
    visit: { headcount: 1, involved: 1, visitedAt },
    matter: existingId ? { existingId } : { purpose: '申诉求决', category: '民政', request: '诉求' },
  } as never);
  if (!r.ok) throw new Error(r.code);
  return { matterId: r.value.matterId, personId: r.value.personIds[0]! };
}

/** Two matters visited on 11-10; the second's petitioner comes back on 11-12 (a repeat visit). */
function desk(): { core: Core; person: number; matters: number[] } {
  const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
  open.push(core);
  const a = register(core, '2026-11-10T09:00:00+08:00', { idNumber: makeId('1977-07-07', 1) });
  const b = register(core, '2026-11-10T09:00:00+08:00', { idNumber: makeId('1977-07-07', 3) });
  register(core, '2026-11-12T09:00:00+08:00', { personId: b.personId }, b.matterId);
  return { core, person: b.personId, matters: [a.matterId, b.matterId] };
}

const rows = (core: Core) =>
  core.ctx.db.prepare('SELECT matter_id, day, township, prev_day, repeat, prev_repeat_day FROM visit_days ORDER BY matter_id, day').all();

describe('distinct visited matters in a range (visit_days)', () => {
  it('counts a matter once, on its first day in the range', () => {
    const { core } = desk();
    const db = core.ctx.db;
    expect(distinctInRange(db, { township: 'ZMQ' }, '2026-11-01', '2026-11-30')).toEqual({ visited: 2, repeated: 1 });
    // From 11-11 only the second matter's repeat day is in the range: its day before (11-10) is not.
    expect(distinctInRange(db, { township: 'ZMQ' }, '2026-11-11', '2026-11-30')).toEqual({ visited: 1, repeated: 1 });
    expect(distinctInRange(db, { township: 'ZMQ' }, '2026-11-10', '2026-11-10')).toEqual({ visited: 2, repeated: 0 });
    expect(distinctInRange(db, { township: 'ZMQ' }, '2026-11-13', '2026-11-30')).toEqual({ visited: 0, repeated: 0 });
    // Beijing days: 23:30 on 11-12 in Beijing is still 11-12.
    expect(rows(core).map((r) => (r as { day: string }).day)).toEqual(['2026-11-10', '2026-11-10', '2026-11-12']);
  });

  it('counts a matter with several repeat days in the range once', () => {
    const { core, person, matters } = desk();
    for (const d of ['14', '16']) register(core, `2026-11-${d}T09:00:00+08:00`, { personId: person }, matters[1]);
    // Repeat days 11-12, 11-14, 11-16: from 11-13 the first in the range is 11-14, and 11-16's repeat day before it is in the range.
    expect(distinctInRange(core.ctx.db, { township: 'ZMQ' }, '2026-11-13', '2026-11-30')).toEqual({ visited: 1, repeated: 1 });
    expect(distinctInRange(core.ctx.db, { township: 'ZMQ' }, '2026-11-01', '2026-11-30')).toEqual({ visited: 2, repeated: 1 });
  });

  it('keeps the days before when a visit is entered late, dated before the ones already there', () => {
    const { core, person, matters } = desk();
    // Entered now, dated 11-05: the matter's days are 11-05, 11-10, 11-12 and each names the one before.
    register(core, '2026-11-05T15:30:00+08:00', { personId: person }, matters[1]);
    const b = rows(core).filter((r) => (r as { matter_id: number }).matter_id === matters[1]);
    expect(b.map((r) => { const x = r as { day: string; prev_day: string | null }; return [x.day, x.prev_day]; })).toEqual([
      ['2026-11-05', null], ['2026-11-10', '2026-11-05'], ['2026-11-12', '2026-11-10'],
    ]);
    expect(distinctInRange(core.ctx.db, { township: 'ZMQ' }, '2026-11-06', '2026-11-30')).toEqual({ visited: 2, repeated: 1 });
    expect(distinctInRange(core.ctx.db, { township: 'ZMQ' }, '2026-11-01', '2026-11-09')).toEqual({ visited: 1, repeated: 1 });
  });

  it('in a database holding another township too: only the scope’s, and every township’s without one', () => {
    const { core, person } = desk();
    const db = core.ctx.db;
    const at = '2026-11-11T01:00:00.000Z';
    const other = insertMatter(db, { caseNo: 'CG-2026-000001', townshipCode: 'CG', channel: '走访', purpose: '申诉求决', category: '民政', tags: [], request: '诉求', facts: '', placeTownship: 'CG', placeVillageId: null, isGroup: false, registeredAt: at, levelSkips: [] }, at);
    appendEvent(db, { matterId: other, type: 'register', on: '2026-11-11', data: {}, reason: '', actor: 'op' }, at);
    insertVisit(db, { matterId: other, visitedAt: at, channel: '走访', headcount: 1, involved: 1, isRepeat: true, persons: [{ personId: person, role: 'visitor' }] }, at);
    refreshStatus(core.ctx, other);
    expect(distinctInRange(db, { township: 'ZMQ' }, '2026-11-01', '2026-11-30')).toEqual({ visited: 2, repeated: 1 });
    expect(distinctInRange(db, { township: 'CG' }, '2026-11-01', '2026-11-30')).toEqual({ visited: 1, repeated: 1 });
    expect(distinctInRange(db, { township: null }, '2026-11-01', '2026-11-30')).toEqual({ visited: 3, repeated: 2 });
  });

  it('migration 022 fills the table from the visits as writeFacts keeps it, and both counts read only an index', () => {
    const { core, person, matters } = desk();
    register(core, '2026-11-05T15:30:00+08:00', { personId: person }, matters[1]);
    register(core, '2026-11-12T23:30:00+08:00', { personId: person }, matters[0]);
    const kept = rows(core);
    const db = core.ctx.db;
    db.exec('DROP TABLE visit_days; DROP INDEX matter_facts_awaiting_eval; CREATE INDEX matter_facts_awaiting_eval ON matter_facts (township, registered_on) WHERE awaiting_eval_since IS NOT NULL;');
    db.pragma('user_version = 21');
    migrate(db, MIGRATIONS, 22);
    expect(rows(core)).toEqual(kept);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT count(CASE WHEN prev_day IS NULL OR prev_day < '2026-11-01' THEN 1 END), count(CASE WHEN repeat = 1 AND (prev_repeat_day IS NULL OR prev_repeat_day < '2026-11-01') THEN 1 END) FROM visit_days WHERE township = 'ZMQ' AND day >= '2026-11-01' AND day <= '2026-11-30'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX visit_days_range/);
    // 超期未评价 (the same migration): counted from its partial index alone.
    const awaiting = db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM matter_facts WHERE township = 'ZMQ' AND registered_on >= '2026-01-01' AND registered_on <= '2026-12-31' AND awaiting_eval_since IS NOT NULL AND awaiting_eval_since < '2026-11-01'").all() as { detail: string }[];
    expect(awaiting.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX matter_facts_awaiting_eval/);
  });
});
