// The 信访事项 list: search by case number, a party's name or ID tail; filter by category, state and dates.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { classifyMatterQuery } from '../../../core/domain/matter-query.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; code: string }): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

function desk() {
  const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T10:00:00+08:00') });
  const reg = (name: string, id: string, category: string, on: string) =>
    value(
      core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name, idNumber: id } }],
        visit: { headcount: 1, involved: 1, visitedAt: `${on}T09:00:00+08:00` },
        matter: { purpose: '申诉求决', category: category as never, request: '诉求' },
      }),
    );
  const a = reg('张三', makeId('1968-03-15', 123), '劳动社保', '2026-10-10');
  const b = reg('李四', makeId('1975-06-01', 457), '国土资源水利林业', '2026-11-20');
  value(core.call(LOCAL_SESSION, 'matters.step', { matterId: b.matterId, type: 'accept', data: {} }));
  return { core, a, b, list: (input: Record<string, unknown>) => value(core.call(LOCAL_SESSION, 'matters.list', { view: 'all', ...input })).map((m) => m.caseNo) };
}

describe('matters.list search and filters', () => {
  it('classifies what was typed', () => {
    expect(classifyMatterQuery('zmq-2026-000001')).toEqual({ kind: 'caseNo', value: 'ZMQ-2026-000001' });
    expect(classifyMatterQuery('1234')).toEqual({ kind: 'idTail', value: '1234' });
    expect(classifyMatterQuery('张')).toEqual({ kind: 'name', value: '张' });
    expect(classifyMatterQuery('%')).toEqual({ kind: 'none' });
  });

  it('finds by case number, name, ID tail; filters by category, state and registration dates', () => {
    const { a, b, list } = desk();
    expect(list({ q: a.caseNo })).toEqual([a.caseNo]);
    expect(list({ q: 'ZMQ-2026' }).sort()).toEqual([a.caseNo, b.caseNo].sort());
    expect(list({ q: '李' })).toEqual([b.caseNo]);
    expect(list({ q: makeId('1968-03-15', 123).slice(-6) })).toEqual([a.caseNo]);
    expect(list({ q: '%%' })).toEqual([]);
    expect(list({ category: '劳动社保' })).toEqual([a.caseNo]);
    expect(list({ state: 'accepted' })).toEqual([b.caseNo]);
    expect(list({ from: '2026-11-01', to: '2026-11-30' })).toEqual([b.caseNo]);
    expect(list({ from: '2026-10-10', to: '2026-10-10' })).toEqual([a.caseNo]);
  });
});
