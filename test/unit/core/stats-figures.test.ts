// 统计研判 on hand-built events: every expected value below is worked out by hand in the comments,
// from the definitions in ../shared/DOMAIN.md ("Figures"), not read back from the code.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Input, StatsReportDto, FigureRowDto } from '../../../core/api/contract/index.js';
import { reportWorkbook } from '../../../core/services/stats-xlsx.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const TODAY = '2026-11-24';
const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string; code?: string }): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message_zh}`);
  return r.value;
};

let seq = 200;
interface Fixture {
  core: Core;
  v1: number;
  v2: number;
  villages: number;
  ids: Record<string, number>;
  persons: Record<string, number>;
}

function register(core: Core, on: string, o: { person?: number; village: number; category: string; skips?: Input<'visits.register'>['matter'] extends infer M ? M extends { levelSkips?: infer S } ? S : never : never }) {
  const person = o.person !== undefined ? { personId: o.person } : { name: '测试人', idNumber: makeId('1970-01-01', (seq += 2)) };
  const r = ok(
    core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person }],
      visit: { headcount: 1, involved: 1, visitedAt: `${on}T09:00:00+08:00` },
      matter: { purpose: '申诉求决', category: o.category, request: '反映问题', placeVillageId: o.village, ...(o.skips ? { levelSkips: o.skips } : {}) },
    }),
  );
  return { matterId: r.matterId, personId: r.personIds[0]! };
}
const repeatVisit = (core: Core, matterId: number, personId: number, on: string) =>
  ok(core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { personId } }], visit: { headcount: 1, involved: 1, visitedAt: `${on}T10:00:00+08:00` }, matter: { existingId: matterId } }));
const step = (core: Core, input: Input<'matters.step'>) => ok(core.call(LOCAL_SESSION, 'matters.step', input));
const reply = { facts: '已查明', basis: '《信访工作条例》', decision: '予以解决' };

function build(withF: boolean): Fixture {
  const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
  const vs = ok(core.call(LOCAL_SESSION, 'villages.list', {}));
  const [v1, v2] = [vs[0]!.id, vs[1]!.id];
  const ids: Record<string, number> = {};
  const persons: Record<string, number> = {};
  const reg = (name: string, on: string, o: Parameters<typeof register>[2]) => {
    const r = register(core, on, o);
    ids[name] = r.matterId;
    persons[name] = r.personId;
    return r;
  };
  // K: registered in March, open past 180 days (积案 from 2026-08-29), repeat visit in June, closed 10-20.
  reg('K', '2026-03-01', { village: v1, category: '国土资源水利林业' });
  repeatVisit(core, ids.K!, persons.K!, '2026-06-01');
  step(core, { matterId: ids.K!, type: 'accept', on: '2026-03-05', data: {} });
  // R: May; replied on the last day of its 60 (07-01), closed a day after it.
  reg('R', '2026-05-01', { village: v1, category: '民政' });
  step(core, { matterId: ids.R!, type: 'accept', on: '2026-05-02', data: {} });
  step(core, { matterId: ids.R!, type: 'reply', on: '2026-07-01', data: reply });
  step(core, { matterId: ids.R!, type: 'close', on: '2026-07-02', data: {} });
  // C: September, in V2; accepted late (due 10-13); its petitioner comes back on 10-15.
  reg('C', '2026-09-28', { village: v2, category: '民政' });
  step(core, { matterId: ids.C!, type: 'accept', on: '2026-10-20', data: {} });
  repeatVisit(core, ids.C!, persons.C!, '2026-10-15');
  // H: a first matter handled to its end in October.
  reg('H', '2026-10-01', { village: v1, category: '劳动社保' });
  step(core, { matterId: ids.H!, type: 'accept', on: '2026-10-02', data: {} });
  step(core, { matterId: ids.H!, type: 'reply', on: '2026-10-10', data: reply });
  step(core, { matterId: ids.H!, type: 'close', on: '2026-10-12', data: {} });
  // A: accepted 10-18, the last of its 15 days; handled by 司法所 / 李明, replied 11-01 (satisfied), closed 11-02.
  reg('A', '2026-10-03', { village: v1, category: '劳动社保' });
  step(core, { matterId: ids.A!, type: 'accept', on: '2026-10-18', data: {} });
  step(core, { matterId: ids.A!, type: 'start', on: '2026-10-19', data: { unit: '司法所', handler: '李明' } });
  step(core, { matterId: ids.A!, type: 'reply', on: '2026-11-01', data: reply });
  step(core, { matterId: ids.A!, type: 'evaluate', on: '2026-11-01', data: { result: '满意' } });
  step(core, { matterId: ids.A!, type: 'close', on: '2026-11-02', data: {} });
  // E: accepted 10-25 (late: due 10-20) … corrected below to 10-15.
  reg('E', '2026-10-05', { village: v1, category: '农村农业' });
  step(core, { matterId: ids.E!, type: 'accept', on: '2026-10-25', data: {} });
  // G: went to Beijing on 10-07, 非正常 (breaks two 三无 conditions); a 重点 matter under a leader.
  reg('G', '2026-10-08', { village: v1, category: '城乡建设', skips: [{ level: 'beijing', visitedOn: '2026-10-07', abnormal: true }] });
  step(core, { matterId: ids.G!, type: 'assign', on: '2026-10-09', data: { kind: '重点', leader: '镇长王某', group: [], plan: '包案化解', targetDate: '2026-11-30' } });
  if (withF) reg('F', '2026-10-12', { village: v2, category: '民政' });
  // B: the same person as A, so not 初信初访; never decided (due 11-04).
  reg('B', '2026-10-20', { person: persons.A!, village: v1, category: '农村农业' });
  reg('D', '2026-10-31', { village: v1, category: '其他' });
  // K: replied late and closed in October: a 积案 resolved.
  step(core, { matterId: ids.K!, type: 'reply', on: '2026-10-18', data: reply });
  step(core, { matterId: ids.K!, type: 'close', on: '2026-10-20', data: {} });
  // N: November, undecided, due 12-05: still running, so not counted against the township.
  reg('N', '2026-11-20', { village: v1, category: '其他' });
  return { core, v1, v2, villages: vs.length, ids, persons };
}

const report = (fx: Fixture, from: string, to: string) => ok(fx.core.call(LOCAL_SESSION, 'stats.report', { from, to }));
const fig = (r: StatsReportDto, id: string): FigureRowDto => r.figures.find((f) => f.id === id)!;
const cur = (r: StatsReportDto, id: string) => {
  const f = fig(r, id).current;
  return f.den === null ? f.num : [f.num, f.den];
};
const listIds = (fx: Fixture, q: Omit<Input<'stats.matters'>, 'from' | 'to'>, from = '2026-10-01', to = '2026-10-31') =>
  ok(fx.core.call(LOCAL_SESSION, 'stats.matters', { from, to, ...q })).rows.map((r) => r.id).sort((a, b) => a - b);
const idsOf = (fx: Fixture, ...names: string[]) => names.map((n) => fx.ids[n]!).sort((a, b) => a - b);

describe('统计研判 on hand-built events (October 2026, today 11-24)', () => {
  let fx: Fixture;
  let oct: StatsReportDto;
  beforeAll(() => {
    fx = build(true);
    // Corrected after the fact: E's acceptance was on 10-15, not 10-25.
    const detail = ok(fx.core.call(LOCAL_SESSION, 'matters.get', { matterId: fx.ids.E! }));
    const accept = detail.events.find((e) => e.type === 'accept')!;
    ok(fx.core.call(LOCAL_SESSION, 'matters.correct', { matterId: fx.ids.E!, eventId: accept.id, on: '2026-10-15', reason: '录入错误' }));
    oct = report(fx, '2026-10-01', '2026-10-31');
  });

  it('reads the month as 月通报 and compares with September and October 2025', () => {
    expect([oct.period.kind, oct.period.label, oct.previous.from, oct.previous.to, oct.yearAgo.from, oct.yearAgo.to]).toEqual(['month', '2026年10月', '2026-09-01', '2026-09-30', '2025-10-01', '2025-10-31']);
  });

  it('counts matters and visits', () => {
    // Registered in October: H A E G F B D = 7; first at this center: all but B (A's person) = 6.
    expect([cur(oct, 'registered'), cur(oct, 'first'), fig(oct, 'registered').previous.num, fig(oct, 'registered').yearAgo.num]).toEqual([7, 6, 1, 0]);
    // Visits: the 7 registrations + C's repeat on 10-15 = 8, one person each; 1 repeat.
    expect([cur(oct, 'visits'), cur(oct, 'visitPersons'), cur(oct, 'repeatVisits'), cur(oct, 'groupVisits')]).toEqual([8, 8, 1, 0]);
    // 重复信访率: matters with a visit in October: the 7 + C = 8; with a repeat visit: C.
    expect(cur(oct, 'repeatRate')).toEqual([1, 8]);
  });

  it('gives the handling rates, the corrected acceptance counting', () => {
    // Decided: H (1 day), A (15, on its last day), E (10 after the correction): all within 15. Undecided and past due: G F B D.
    expect(cur(oct, 'timelyDecision')).toEqual([3, 7]);
    // Replied: H (due 12-01) and A (due 12-17), both in time; E's reply is due 12-14, not yet counted.
    expect(cur(oct, 'timelyReply')).toEqual([2, 2]);
    expect(cur(oct, 'timelyClose')).toEqual([2, 2]);
    // Evaluated: A (满意) of the 2 replied.
    expect([cur(oct, 'participation'), cur(oct, 'satisfaction')]).toEqual([[1, 2], [1, 1]]);
    // Average days: (1 + 15 + 10) / 3 = 26 / 3; acceptance → reply (8 + 14) / 2 = 11.
    expect([fig(oct, 'decideDays').current.num, fig(oct, 'decideDays').current.den, fig(oct, 'replyDays').current.value]).toEqual([26, 3, 11]);
    expect(cur(oct, 'leaderResolution')).toEqual([0, 1]); // G is assigned and open
  });

  it('gives 初信初访 一次性化解率 and 积案化解率 by the day of resolution', () => {
    // Closed in October and first: H (no repeat, no 复查) and K (had a repeat visit in June) → 1 / 2.
    expect(cur(oct, 'firstOnce')).toEqual([1, 2]);
    // K became 积案 on 2026-08-29 (03-01 + 181 days), open at the start of October, resolved 10-20.
    expect([cur(oct, 'backlogResolution'), cur(oct, 'backlogOpen')]).toEqual([[1, 1], 0]);
    expect([fig(oct, 'backlogResolution').previous.num, fig(oct, 'backlogResolution').previous.den, fig(oct, 'backlogOpen').previous.num]).toEqual([0, 1, 1]);
  });

  it('gives 三无 with the matters that broke it, and 零上访村', () => {
    expect(oct.sanwu.met).toBe(false);
    expect(oct.sanwu.conditions.map((c) => c.broken)).toEqual([1, 1, 0]);
    expect(oct.sanwu.breakers.map((b) => b.id)).toEqual([fx.ids.G]);
    // V1: H A E G B D = 6, V2: F = 1; every other village of the list had none.
    expect(oct.villages.withPetitions.map((v) => [v.villageId, v.n])).toEqual([[fx.v1, 6], [fx.v2, 1]]);
    expect([oct.villages.total, oct.villages.zero]).toEqual([fx.villages, fx.villages - 2]);
    expect(oct.villages.share).toBeCloseTo((fx.villages - 2) / fx.villages, 10);
  });

  it('breaks the month down by category, unit and level', () => {
    const rows = (metric: string) => Object.fromEntries(oct.breakdowns.find((b) => b.metric === metric)!.rows.map((r) => [r.label, r.n]));
    expect(rows('reg.category')).toEqual({ 劳动社保: 2, 农村农业: 2, 城乡建设: 1, 民政: 1, 其他: 1 });
    expect(rows('reg.unit')).toEqual({ 司法所: 1, '（未交办单位）': 6 });
    expect(rows('skip')).toEqual({ 进京: 1 });
    expect(oct.trend.find((t) => t.month === '2026-10')).toEqual({ month: '2026-10', registered: 7, visits: 8, repeatVisits: 1 });
  });

  it('opens the matters behind a figure, as counted', () => {
    expect(listIds(fx, { figure: 'timelyDecision', side: 'den' })).toEqual(idsOf(fx, 'H', 'A', 'E', 'G', 'F', 'B', 'D'));
    expect(listIds(fx, { figure: 'timelyDecision', side: 'num' })).toEqual(idsOf(fx, 'H', 'A', 'E'));
    expect(listIds(fx, { figure: 'repeatRate', side: 'num' })).toEqual(idsOf(fx, 'C'));
    expect(listIds(fx, { figure: 'firstOnce', side: 'den' })).toEqual(idsOf(fx, 'H', 'K'));
    expect(listIds(fx, { figure: 'backlogResolution', side: 'den' })).toEqual(idsOf(fx, 'K'));
    expect(listIds(fx, { metric: 'reg.village', key: String(fx.v2) })).toEqual(idsOf(fx, 'F'));
    const list = ok(fx.core.call(LOCAL_SESSION, 'stats.matters', { from: '2026-10-01', to: '2026-10-31', figure: 'registered' }));
    expect(list.total).toBe(7);
    expect(list.rows.every((r) => r.idMasked === null || /^\d{4}\*{10}[\dX]{4}$/.test(r.idMasked))).toBe(true);
  });

  it('takes a range across two months, compared with the same number of days before', () => {
    const r = report(fx, '2026-09-25', '2026-10-05');
    // C (09-28), H (10-01), A (10-03), E (10-05); the 11 days before (09-14 … 09-24) had none.
    expect([r.period.kind, r.previous.from, r.previous.to, cur(r, 'registered'), fig(r, 'registered').previous.num]).toEqual(['range', '2026-09-14', '2026-09-24', 4, 0]);
    expect([cur(r, 'visits'), cur(r, 'repeatRate')]).toEqual([4, [0, 4]]);
  });

  it('counts a reply on the last day as in time, a close a day later as not: May', () => {
    const may = report(fx, '2026-05-01', '2026-05-31');
    expect([cur(may, 'registered'), cur(may, 'timelyReply'), cur(may, 'timelyClose')]).toEqual([1, [1, 1], [0, 1]]);
  });

  it('counts a running deadline for nobody: November', () => {
    const nov = report(fx, '2026-11-01', '2026-11-30');
    // N is due 12-05: neither in time nor late yet. A was closed 11-02, first and once: 1 / 1.
    expect([cur(nov, 'registered'), fig(nov, 'timelyDecision').current.value, cur(nov, 'firstOnce')]).toEqual([1, null, [1, 1]]);
  });

  it('writes the same numbers to the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await reportWorkbook(oct).xlsx.writeBuffer());
    const ws = wb.getWorksheet('指标')!;
    const byLabel = new Map<string, ExcelJS.Row>();
    ws.eachRow((row) => byLabel.set(String(row.getCell(1).value), row));
    for (const f of oct.figures) {
      const row = byLabel.get(f.label)!;
      expect([row.getCell(2).value, row.getCell(3).value, row.getCell(4).value ?? null]).toEqual([f.current.value, f.current.num, f.current.den]);
    }
    expect(wb.worksheets.map((s) => s.name)).toContain('零上访村');
  });
});

describe('a village that turns from 零上访 to not', () => {
  it('leaves the list of 零上访村 when a matter is registered there', () => {
    const fx = build(false);
    const before = report(fx, '2026-10-01', '2026-10-31');
    expect(before.villages.withPetitions.map((v) => v.villageId)).toEqual([fx.v1]);
    expect(before.villages.zero).toBe(fx.villages - 1);
    register(fx.core, '2026-10-12', { village: fx.v2, category: '民政' });
    const after = report(fx, '2026-10-01', '2026-10-31');
    expect(after.villages.withPetitions.map((v) => [v.villageId, v.n])).toEqual([[fx.v1, 6], [fx.v2, 1]]);
    expect(after.villages.zero).toBe(fx.villages - 2);
  });
});
