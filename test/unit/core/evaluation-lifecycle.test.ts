// The evaluation lifecycle (issue 16, item 4), over time with an injected clock: 待评价 after the reply,
// 超期未评价 once the setting's days pass, 已评价 with two ratings and how given (代录 names who
// recorded it), 拒绝评价, 回访 records, 不满意 offering 复查 while its window is open, and 群众参评率
// counting only settled evaluations. Dates worked out by hand (calendar days, the start day not counted).
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Input } from '../../../core/api/contract/index.js';
import type { Clock } from '../../../core/kernel/clock.js';
import { evaluationState, overallRating, reviewOffer } from '../../../core/domain/evaluation.js';
import { testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string; code?: string }): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message_zh}`);
  return r.value;
};
/** A clock the test moves: Beijing 10:00 of the day set. */
function movableClock(day: string): Clock & { set(day: string): void } {
  let now = new Date(`${day}T10:00:00+08:00`);
  return { now: () => now, set: (d) => (now = new Date(`${d}T10:00:00+08:00`)) };
}
let seq = 500;
function repliedMatter(core: Core, registered: string, replied: string): number {
  const r = ok(
    core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '孙八', idNumber: makeId('1968-03-03', (seq += 2)) } }],
      visit: { headcount: 1, involved: 1, visitedAt: `${registered}T09:00:00+08:00` },
      matter: { purpose: '申诉求决', category: '民政', request: '低保' },
    }),
  );
  step(core, { matterId: r.matterId, type: 'accept', on: registered, data: {} });
  step(core, { matterId: r.matterId, type: 'reply', on: replied, data: { facts: '已查明', basis: '《社会救助暂行办法》', decision: '予以纳入' } });
  return r.matterId;
}
const step = (core: Core, input: Input<'matters.step'>) => ok(core.call(LOCAL_SESSION, 'matters.step', input));
const detail = (core: Core, matterId: number) => ok(core.call(LOCAL_SESSION, 'matters.get', { matterId }));

describe('evaluation lifecycle', () => {
  it('待评价 → 超期未评价 → 已评价 with two ratings; 不满意 offers 复查 while its window is open; 回访 recorded', () => {
    const clock = movableClock('2026-10-02');
    const core = testCore({ township: 'ZMQ', clock });
    expect(ok(core.call(LOCAL_SESSION, 'stats.settings', {})).evaluationDays).toBe(30); // the default
    ok(core.call(LOCAL_SESSION, 'stats.configure', { evaluationDays: 7 }));
    const id = repliedMatter(core, '2026-09-01', '2026-10-01');

    // Replied 10-01; with 7 days to evaluate, the last day is 10-08.
    expect(detail(core, id).evaluation).toEqual({ state: '待评价', due: '2026-10-08', days: 7, reviewOfferBy: null });
    clock.set('2026-10-08');
    expect(detail(core, id).evaluation.state).toBe('待评价');
    clock.set('2026-10-09');
    expect(detail(core, id).evaluation.state).toBe('超期未评价');

    // 代录 needs who recorded it; a rating missing is asked for at its box.
    const bad = core.call(LOCAL_SESSION, 'matters.step', { matterId: id, type: 'evaluate', data: { unit: '满意', dept: '不满意', means: '代录' } });
    expect(bad).toMatchObject({ ok: false, field: 'data.recordedBy', message_zh: '代录的评价请填写代录人' });
    expect(core.call(LOCAL_SESSION, 'matters.step', { matterId: id, type: 'evaluate', data: { unit: '满意', means: '当面' } })).toMatchObject({ ok: false, field: 'data.dept', message_zh: '请选择对信访部门的评价' });

    // Given late, it is still the petitioner's evaluation: 已评价.
    const s = step(core, { matterId: id, type: 'evaluate', data: { unit: '满意', dept: '不满意', means: '代录', recordedBy: '李四' } }).status;
    expect(s.ratings).toEqual({ unit: '满意', dept: '不满意', means: '代录', recordedBy: '李四', on: '2026-10-09' });
    expect(s.evaluation).toBe('不满意'); // the lower of the two, for 参评满意率
    // 复查 may be asked within 30 days of the reply: to 10-31.
    expect(detail(core, id).evaluation).toMatchObject({ state: '已评价', reviewOfferBy: '2026-10-31' });

    const after = step(core, { matterId: id, type: 'follow_up', data: { means: '电话', by: '王五', content: '已电话回访，信访人表示理解' } });
    expect(after.status.followUps).toEqual([{ on: '2026-10-09', means: '电话', by: '王五', content: '已电话回访，信访人表示理解' }]);
    expect(after.status.state).toBe('replied'); // a 回访 does not move the handling

    clock.set('2026-11-01');
    expect(detail(core, id).evaluation).toMatchObject({ state: '已评价', reviewOfferBy: null });
    core.close();
  });

  it('拒绝评价, the one-result form of before, and 回访 only after a reply', () => {
    const clock = movableClock('2026-10-02');
    const core = testCore({ township: 'ZMQ', clock });
    const declined = repliedMatter(core, '2026-09-01', '2026-10-01');
    expect(step(core, { matterId: declined, type: 'evaluate', data: { result: '拒绝评价', means: '电话' } }).status.ratings).toBeNull();
    expect(detail(core, declined).evaluation.state).toBe('拒绝评价');
    expect(core.call(LOCAL_SESSION, 'matters.step', { matterId: declined, type: 'evaluate', data: { result: '满意', unit: '满意', dept: '满意', means: '当面' } })).toMatchObject({ ok: false, field: 'data.result' });

    const legacy = repliedMatter(core, '2026-09-02', '2026-10-01');
    expect(step(core, { matterId: legacy, type: 'evaluate', data: { result: '基本满意' } }).status).toMatchObject({ evaluation: '基本满意', ratings: { unit: '基本满意', dept: '基本满意', means: null } });

    const open = ok(core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { name: '周九', idNumber: makeId('1969-04-04', 21) } }], visit: { headcount: 1, involved: 1 }, matter: { purpose: '咨询', category: '其他', request: '问政策' } }));
    expect(core.call(LOCAL_SESSION, 'matters.step', { matterId: open.matterId, type: 'follow_up', data: { means: '电话', by: '王五', content: '回访' } })).toMatchObject({ ok: false, code: 'ILLEGAL_STEP' });
    core.close();
  });

  it('群众参评率 counts a reply once its evaluation is settled: a reply still in its window counts for nobody', () => {
    const clock = movableClock('2026-10-20');
    const core = testCore({ township: 'ZMQ', clock });
    ok(core.call(LOCAL_SESSION, 'stats.configure', { evaluationDays: 7 }));
    // All registered in September. E: evaluated; X: replied 10-01, never evaluated (window over 10-08: 超期未评价);
    // D: declined; W: replied 10-15, window to 10-22 (待评价 on 10-20).
    const e = repliedMatter(core, '2026-09-03', '2026-10-01');
    step(core, { matterId: e, type: 'evaluate', on: '2026-10-02', data: { unit: '满意', dept: '基本满意', means: '当面' } });
    const x = repliedMatter(core, '2026-09-04', '2026-10-01');
    const d = repliedMatter(core, '2026-09-05', '2026-10-01');
    step(core, { matterId: d, type: 'evaluate', on: '2026-10-03', data: { result: '拒绝评价' } });
    const w = repliedMatter(core, '2026-09-06', '2026-10-15');

    const figure = (id: string) => ok(core.call(LOCAL_SESSION, 'stats.report', { from: '2026-09-01', to: '2026-09-30' })).figures.find((f) => f.id === id)!.current;
    const den = () => ok(core.call(LOCAL_SESSION, 'stats.matters', { from: '2026-09-01', to: '2026-09-30', figure: 'participation', side: 'den' })).rows.map((r) => r.id).sort();
    expect(figure('participation')).toEqual({ num: 1, den: 3, value: 1 / 3 }); // E ÷ (E + D + X)
    expect(figure('satisfaction')).toEqual({ num: 1, den: 1, value: 1 }); // 满意 and 基本满意: satisfied
    expect(den()).toEqual([e, x, d].sort());
    expect(ok(core.call(LOCAL_SESSION, 'stats.assessment', { from: '2026-09-01', to: '2026-09-30' })).participation).toMatchObject({ num: 1, den: 3 });

    // The 信访事项 list finds those to call back (回访) and those past the window.
    const listed = (evaluation: '待评价' | '超期未评价') => ok(core.call(LOCAL_SESSION, 'matters.list', { view: 'all', evaluation })).map((r) => r.id);
    expect([listed('待评价'), listed('超期未评价')]).toEqual([[w], [x]]);

    clock.set('2026-10-23'); // W's window is over unevaluated
    expect(figure('participation')).toEqual({ num: 1, den: 4, value: 0.25 });
    expect(den()).toEqual([e, x, d, w].sort());
    expect([listed('待评价'), listed('超期未评价').sort()]).toEqual([[], [x, w].sort()]);
    // W evaluated late: 已评价 now, and counted as such.
    step(core, { matterId: w, type: 'evaluate', data: { unit: '不满意', dept: '满意', means: '短信' } });
    expect(figure('participation')).toEqual({ num: 2, den: 4, value: 0.5 });
    expect(figure('satisfaction')).toEqual({ num: 1, den: 2, value: 0.5 });
    core.close();
  });

  it('the pure rules', () => {
    expect(overallRating('满意', '基本满意')).toBe('基本满意');
    expect(overallRating('不满意', '满意')).toBe('不满意');
    expect(evaluationState({ repliedOn: null, evaluation: null }, '2026-10-01', 7)).toBe('未答复');
    expect(evaluationState({ repliedOn: '2026-10-01', evaluation: null }, '2026-10-08', 7)).toBe('待评价');
    expect(evaluationState({ repliedOn: '2026-10-01', evaluation: null }, '2026-10-09', 7)).toBe('超期未评价');
    const s = { evaluation: '满意' as const, ratings: { unit: '满意' as const, dept: '满意' as const }, reviewRequestBy: '2026-10-31', reviewRequestedOn: null, state: 'replied' };
    expect(reviewOffer(s, '2026-10-10')).toBeNull();
    expect(reviewOffer({ ...s, evaluation: '不满意', ratings: { unit: '不满意', dept: '满意' } }, '2026-10-31')).toBe('2026-10-31');
    expect(reviewOffer({ ...s, evaluation: '不满意', ratings: null, reviewRequestedOn: '2026-10-05' }, '2026-10-10')).toBeNull();
    expect(reviewOffer({ ...s, evaluation: '不满意', ratings: null, state: 'review' }, '2026-10-10')).toBeNull();
  });
});
