// A free range's 重复信访率 counts distinct matters from the visit rows. Visits carry no township, so a
// database holding one township's matters (a desk, a county replica) counts them without joining each
// visit to its matter; one holding several still counts only the scope's.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { distinctFromVisits, holdsOtherTownships } from '../../../core/store/figures.js';
import { insertMatter } from '../../../core/store/matters.js';
import { insertVisit } from '../../../core/store/visits.js';
import { refreshStatus } from '../../../core/services/matter-status.js';
import { appendEvent } from '../../../core/store/events.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const from = new Date('2026-11-01T00:00:00+08:00').toISOString();
const to = new Date('2026-12-01T00:00:00+08:00').toISOString();

function desk(): { core: Core; person: number; matters: number[] } {
  const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
  open.push(core);
  const matters: number[] = [];
  let person = 0;
  for (let i = 0; i < 2; i++) {
    const r = core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '孙八', idNumber: makeId('1977-07-07', 2 * i + 1) } }],
      visit: { headcount: 1, involved: 1, visitedAt: '2026-11-10T09:00:00+08:00' },
      matter: { purpose: '申诉求决', category: '民政', request: '诉求' },
    });
    if (!r.ok) throw new Error(r.code);
    matters.push(r.value.matterId);
    person = r.value.personIds[0]!;
  }
  // The second matter's petitioner comes back.
  const again = core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { personId: person } }], visit: { headcount: 1, involved: 1, visitedAt: '2026-11-12T09:00:00+08:00' }, matter: { existingId: matters[1]! } });
  if (!again.ok) throw new Error(again.code);
  return { core, person, matters };
}

describe('distinct visited matters in a range', () => {
  it('on a desk of one township: counted from the visits alone', () => {
    const { core } = desk();
    expect(holdsOtherTownships(core.ctx.db, 'ZMQ')).toBe(false);
    expect(distinctFromVisits(core.ctx.db, { township: 'ZMQ' }, from, to)).toEqual({ visited: 2, repeated: 1 });
  });

  it('in a database holding another township too: only the scope’s, and every township’s without one', () => {
    const { core, person } = desk();
    const db = core.ctx.db;
    const at = '2026-11-11T01:00:00.000Z';
    const other = insertMatter(db, { caseNo: 'CG-2026-000001', townshipCode: 'CG', channel: '走访', purpose: '申诉求决', category: '民政', tags: [], request: '诉求', facts: '', placeTownship: 'CG', placeVillageId: null, isGroup: false, registeredAt: at, levelSkips: [] }, at);
    appendEvent(db, { matterId: other, type: 'register', on: '2026-11-11', data: {}, reason: '', actor: 'op' }, at);
    insertVisit(db, { matterId: other, visitedAt: at, channel: '走访', headcount: 1, involved: 1, isRepeat: true, persons: [{ personId: person, role: 'visitor' }] }, at);
    refreshStatus(core.ctx, other);
    expect([holdsOtherTownships(db, 'ZMQ'), holdsOtherTownships(db, 'CG'), holdsOtherTownships(db, 'ABC')]).toEqual([true, true, true]);
    expect(distinctFromVisits(db, { township: 'ZMQ' }, from, to)).toEqual({ visited: 2, repeated: 1 });
    expect(distinctFromVisits(db, { township: 'CG' }, from, to)).toEqual({ visited: 1, repeated: 1 });
    expect(distinctFromVisits(db, { township: null }, from, to)).toEqual({ visited: 3, repeated: 2 });
  });
});
