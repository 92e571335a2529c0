import { describe, expect, it } from 'vitest';
import { backlogOn, breaksSanwu, DEFAULT_SANWU, isIdle, surge } from '../../../core/domain/figures.js';

describe('figure rules', () => {
  it('makes a matter 积案 the day after its 180 days, or when marked, unless resolved before', () => {
    const base = { registeredOn: '2026-01-01', resolvedOn: null, assignKind: null, assignedOn: null };
    expect(backlogOn(base, 180)).toBe('2026-07-01'); // 01-01 + 181 days: 06-30 is its 180th
    expect(backlogOn({ ...base, resolvedOn: '2026-06-30' }, 180)).toBeNull();
    expect(backlogOn({ ...base, resolvedOn: '2026-07-01' }, 180)).toBe('2026-07-01');
    expect(backlogOn({ ...base, assignKind: '积案', assignedOn: '2026-02-01', resolvedOn: '2026-03-01' }, 180)).toBe('2026-02-01');
    expect(backlogOn({ ...base, assignKind: '重点', assignedOn: '2026-02-01', resolvedOn: '2026-03-01' }, 180)).toBeNull();
  });

  it('breaks 三无 only with a level-skip of the condition in the period', () => {
    const [, beijing, provinceGroup] = DEFAULT_SANWU;
    const f = (level: string, on: string, isGroup: boolean) => ({ skips: [{ level, on }], isGroup });
    expect(breaksSanwu(beijing!, f('beijing', '2026-10-07', false), '2026-10-01', '2026-10-31')).toBe(true);
    expect(breaksSanwu(beijing!, f('beijing', '2026-09-30', false), '2026-10-01', '2026-10-31')).toBe(false);
    expect(breaksSanwu(provinceGroup!, f('province', '2026-10-07', false), '2026-10-01', '2026-10-31')).toBe(false);
    expect(breaksSanwu(provinceGroup!, f('province', '2026-10-07', true), '2026-10-01', '2026-10-31')).toBe(true);
  });

  it('tells 进京非正常上访 from 进京越级上访: only a record marked 非正常 breaks the first', () => {
    const [abnormal, skipping] = DEFAULT_SANWU;
    const plain = { skips: [{ level: 'beijing', on: '2026-10-07' }], isGroup: false };
    const marked = { skips: [{ level: 'beijing', on: '2026-10-07', abnormal: true as const }], isGroup: false };
    expect([breaksSanwu(abnormal!, plain, '2026-10-01', '2026-10-31'), breaksSanwu(skipping!, plain, '2026-10-01', '2026-10-31')]).toEqual([false, true]);
    expect([breaksSanwu(abnormal!, marked, '2026-10-01', '2026-10-31'), breaksSanwu(skipping!, marked, '2026-10-01', '2026-10-31')]).toEqual([true, true]);
    // A condition saved before the flag existed has no abnormalOnly: it reads every record of its level.
    expect(breaksSanwu({ label: '无进京上访', level: 'beijing', groupOnly: false }, plain, '2026-10-01', '2026-10-31')).toBe(true);
    // 非正常 at another level does not count for Beijing.
    expect(breaksSanwu(abnormal!, { skips: [{ level: 'province', on: '2026-10-07', abnormal: true as const }], isGroup: false }, '2026-10-01', '2026-10-31')).toBe(false);
  });

  it('warns on a surge of 50% or more, and on a key matter idle for 3 days', () => {
    expect([surge(15, 10, 50), surge(14, 10, 50), surge(3, 0, 50)]).toEqual([true, false, false]);
    const key = { assignKind: '重点', backlogOn: null, resolvedOn: null, fullyClosed: false, lastEventOn: '2026-11-21' };
    expect([isIdle(key, '2026-11-24', 3), isIdle(key, '2026-11-23', 3), isIdle({ ...key, assignKind: null }, '2026-11-24', 3), isIdle({ ...key, fullyClosed: true }, '2026-11-24', 3)]).toEqual([true, false, false, false]);
    expect(isIdle({ ...key, assignKind: null, backlogOn: '2026-10-01' }, '2026-11-24', 3)).toBe(true);
    expect(isIdle({ ...key, assignKind: null, backlogOn: '2026-10-01', resolvedOn: '2026-11-01' }, '2026-11-24', 3)).toBe(false); // its inquiry is open, the 积案 is resolved
  });
});
