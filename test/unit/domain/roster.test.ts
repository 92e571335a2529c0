import { describe, expect, it } from 'vitest';
import {
  dayInfo,
  deputyDaysBefore,
  ROTATION_EPOCH,
  dutyKind,
  dutyOn,
  monthRange,
  rosterDays,
  swapDays,
  type RosterLeader,
  type RosterOverride,
} from '../../../core/domain/roster.js';
import { codeOf } from '../../helpers/errors.js';

const L = (id: number, name: string, title: string, role: 'main' | 'deputy', active = true): RosterLeader => ({
  id,
  name,
  title,
  role,
  active,
  sortOrder: id,
});
// The mayor is listed first on purpose: Mondays go to the 党委书记 by title, not by list order.
const LEADERS = [
  L(1, '李镇长', '镇长', 'main'),
  L(2, '王书记', '党委书记', 'main'),
  L(3, '赵副', '副镇长', 'deputy'),
  L(4, '钱副', '党委副书记', 'deputy'),
  L(5, '孙副', '副镇长', 'deputy'),
];
const name = (date: string, leaders = LEADERS, overrides: RosterOverride[] = []) => dutyOn(date, leaders, overrides).leader?.name ?? null;

describe('main leaders on Mondays and Fridays (分别接访)', () => {
  it('puts the 党委书记 on Monday and the 镇长 on Friday', () => {
    expect(dutyOn('2026-11-23', LEADERS, [])).toMatchObject({ weekday: 1, kind: 'main', leader: { name: '王书记', title: '党委书记' } });
    expect(dutyOn('2026-11-27', LEADERS, [])).toMatchObject({ weekday: 5, kind: 'main', leader: { name: '李镇长', title: '镇长' } });
  });
  it('gives both days to the only active main leader, and nobody when there is none', () => {
    const oneMain = LEADERS.map((l) => (l.id === 1 ? { ...l, active: false } : l));
    expect([name('2026-11-23', oneMain), name('2026-11-27', oneMain)]).toEqual(['王书记', '王书记']);
    const noMain = LEADERS.filter((l) => l.role === 'deputy');
    expect(dutyOn('2026-11-23', noMain, [])).toMatchObject({ kind: 'main', leader: null });
  });
});

describe('one deputy on other working days', () => {
  it('rotates through the active deputies in list order, Tuesday to Thursday', () => {
    const week = rosterDays('2026-11-23', '2026-12-04', LEADERS, []);
    const deputyDays = week.filter((d) => d.kind === 'deputy');
    expect(deputyDays.map((d) => d.weekday)).toEqual([2, 3, 4, 2, 3, 4]);
    const names = deputyDays.map((d) => d.leader!.name);
    // Three deputies, six deputy days: each twice, in the same order both weeks.
    expect(names.slice(0, 3).sort()).toEqual(['孙副', '赵副', '钱副']);
    expect(names.slice(3)).toEqual(names.slice(0, 3));
    const order = ['赵副', '钱副', '孙副'];
    const i = order.indexOf(names[0]!);
    expect(names.slice(0, 3)).toEqual([order[i], order[(i + 1) % 3], order[(i + 2) % 3]]);
  });
  it('carries the rotation across a month end: a month alone reads the same as two together', () => {
    const both = rosterDays('2026-09-01', '2026-10-31', LEADERS, []);
    const octAlone = rosterDays('2026-10-01', '2026-10-31', LEADERS, []);
    expect(octAlone.map((d) => d.leader?.name ?? null)).toEqual(both.slice(30).map((d) => d.leader?.name ?? null));
  });
  it('skips an inactive deputy', () => {
    const twoDeps = LEADERS.map((l) => (l.id === 4 ? { ...l, active: false } : l));
    const names = rosterDays('2026-11-24', '2026-11-26', twoDeps, []).map((d) => d.leader!.name);
    expect(names).not.toContain('钱副');
    expect(names[0]).not.toBe(names[1]);
  });
  it('has nobody when there are no deputies', () => {
    expect(dutyOn('2026-11-24', LEADERS.slice(0, 2), [])).toMatchObject({ kind: 'deputy', leader: null });
  });
});

describe('holidays and weekends from the official table', () => {
  it('has no duty on a plain weekend', () => {
    expect(dutyOn('2026-11-28', LEADERS, [])).toMatchObject({ kind: 'weekend', working: false, holiday: null, leader: null });
    expect(dutyOn('2026-11-29', LEADERS, [])).toMatchObject({ kind: 'weekend', leader: null });
  });
  it('has no duty through the National Day week 2026, Monday 10-05 included', () => {
    const week = rosterDays('2026-10-01', '2026-10-07', LEADERS, []);
    expect(week.map((d) => [d.kind, d.holiday, d.leader])).toEqual(Array(7).fill(['holiday', '国庆节', null]));
    expect(week[4]).toMatchObject({ date: '2026-10-05', weekday: 1 });
  });
  it('has no duty on a Friday that is a public holiday (中秋 2026-09-25)', () => {
    expect(dutyOn('2026-09-25', LEADERS, [])).toMatchObject({ weekday: 5, kind: 'holiday', holiday: '中秋', leader: null });
  });
  it('puts a deputy on a make-up workday (Saturday 2026-10-10, Sunday 2026-09-20)', () => {
    expect(dayInfo('2026-10-10')).toEqual({ date: '2026-10-10', weekday: 6, working: true, holiday: null, makeUp: true });
    expect(dutyOn('2026-10-10', LEADERS, [])).toMatchObject({ kind: 'deputy', leader: { role: 'deputy' } });
    expect(dutyKind(dayInfo('2026-09-20'))).toBe('deputy');
  });
  it('counts a make-up workday in the rotation: the next deputy day goes to the next deputy', () => {
    const days = rosterDays('2026-10-09', '2026-10-13', LEADERS, []).filter((d) => d.kind === 'deputy');
    // 10-10 (Sat, make-up) then 10-13 (Tue); 10-12 is a Monday for the 党委书记.
    expect(days.map((d) => d.date)).toEqual(['2026-10-10', '2026-10-13']);
    expect(days[0]!.leader!.name).not.toBe(days[1]!.leader!.name);
  });
});

describe('overrides and swaps set by the admin', () => {
  it('lets an override win on any day: another leader, nobody, or duty on a weekend', () => {
    const o: RosterOverride[] = [
      { date: '2026-11-23', leaderId: 3, note: '书记外出' },
      { date: '2026-11-24', leaderId: null, note: '集中学习' },
      { date: '2026-11-28', leaderId: 1, note: '周末专场接访' },
    ];
    expect(dutyOn('2026-11-23', LEADERS, o)).toMatchObject({ kind: 'main', leader: { name: '赵副' }, planned: { name: '王书记' } });
    expect(dutyOn('2026-11-24', LEADERS, o)).toMatchObject({ leader: null, override: { note: '集中学习' } });
    expect(dutyOn('2026-11-28', LEADERS, o)).toMatchObject({ kind: 'weekend', leader: { name: '李镇长' } });
    expect(dutyOn('2026-10-01', LEADERS, [{ date: '2026-10-01', leaderId: 2, note: '' }]).leader?.name).toBe('王书记');
  });
  it('swaps two days and leaves the rotation after them alone', () => {
    const [mon, tue] = rosterDays('2026-11-23', '2026-11-24', LEADERS, []);
    const overrides = swapDays(mon!, tue!);
    expect(overrides).toEqual([
      { date: '2026-11-23', leaderId: tue!.leader!.id, note: '与2026-11-24对调' },
      { date: '2026-11-24', leaderId: 2, note: '与2026-11-23对调' },
    ]);
    const before = rosterDays('2026-11-23', '2026-12-04', LEADERS, []);
    const after = rosterDays('2026-11-23', '2026-12-04', LEADERS, overrides);
    expect(after[0]!.leader!.name).toBe(tue!.leader!.name);
    expect(after[1]!.leader!.name).toBe('王书记');
    expect(after.slice(2).map((d) => d.leader?.name)).toEqual(before.slice(2).map((d) => d.leader?.name));
  });
  it('refuses to swap a day with itself, or two days without duty', () => {
    const mon = dutyOn('2026-11-23', LEADERS, []);
    expect(codeOf(() => swapDays(mon, mon))).toBe('ROSTER_SWAP_SAME_DAY');
    expect(codeOf(() => swapDays(dutyOn('2026-11-28', LEADERS, []), dutyOn('2026-11-29', LEADERS, [])))).toBe('ROSTER_SWAP_EMPTY');
  });
});

describe('months', () => {
  it('knows month lengths, leap February included', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('lists every day of a month', () => {
    expect(rosterDays('2026-10-01', '2026-10-31', LEADERS, [])).toHaveLength(31);
  });
});

describe('the rotation count', () => {
  it('counts the same deputy days whether walked day by day or by remembered whole years', () => {
    const walk = (from: string, to: string) => rosterDays(from, to, LEADERS, []).filter((d) => d.kind === 'deputy').length;
    expect(deputyDaysBefore('2026-03-02')).toBe(walk(ROTATION_EPOCH, '2026-03-01'));
    expect(deputyDaysBefore('2024-01-01')).toBe(0);
    expect(deputyDaysBefore('2023-12-25')).toBe(-walk('2023-12-25', '2023-12-31'));
  });
});
