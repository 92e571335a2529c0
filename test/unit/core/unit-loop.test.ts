// The loop after 转送/交办: the unit signs (or returns it to the desk), reports progress and closes,
// each with its due date; late steps are marked; the list by unit shows it.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Clock } from '../../../core/kernel/clock.js';
import { testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

let now = '2026-11-02T10:00:00+08:00';
const clock: Clock = { now: () => new Date(now) };
const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string }): T => {
  if (!r.ok) throw new Error(r.message_zh);
  return r.value;
};
let seq = 500;
function matter(core: Core, on: string): number {
  return ok(core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '孙七', idNumber: makeId('1966-06-06', (seq += 2)) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${on}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '宅基地纠纷' },
  })).matterId;
}
const step = (core: Core, input: object) => core.call(LOCAL_SESSION, 'matters.step', input as never);

describe('the handling loop after 转送/交办', () => {
  it('交办 to a 站所: 签收, 办理反馈, 办结报告 with due dates, late marks, the list by unit', () => {
    now = '2026-11-02T10:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock });
    expect(ok(core.call(LOCAL_SESSION, 'units.list', {})).some((u) => u.kind === '站所' && u.name === '自然资源所')).toBe(true);
    const m = matter(core, '2026-11-02');
    ok(step(core, { matterId: m, type: 'transfer', on: '2026-11-02', data: { mode: '交办', unit: '自然资源所' } }));
    // Before signing: no feedback.
    expect(step(core, { matterId: m, type: 'unit_feedback', data: { progress: '已调查' } })).toMatchObject({ ok: false, code: 'ILLEGAL_STEP' });
    let d = ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: m }));
    expect(d.status.loop).toMatchObject({ mode: '交办', unit: '自然资源所', signDue: '2026-11-05', feedbackDue: '2026-11-17', reportDue: '2027-01-01', signedOn: null });

    now = '2026-11-06T10:00:00+08:00'; // the sign-for is late
    let [row] = ok(core.call(LOCAL_SESSION, 'units.loop', { unit: '自然资源所' }));
    expect(row).toMatchObject({ matterId: m, stage: '待签收', signLate: true, feedbackLate: false, reportLate: false });
    expect(ok(core.call(LOCAL_SESSION, 'units.loads', {}))).toEqual([{ unit: '自然资源所', open: 1, late: 1 }]);
    ok(step(core, { matterId: m, type: 'unit_sign', on: '2026-11-06', data: { receiver: '周所长' } }));
    expect(step(core, { matterId: m, type: 'unit_sign', on: '2026-11-06', data: { receiver: '周所长' } })).toMatchObject({ ok: false, code: 'ILLEGAL_STEP' });

    now = '2026-11-18T10:00:00+08:00'; // no 办理反馈 by the 15th day
    [row] = ok(core.call(LOCAL_SESSION, 'units.loop', { unit: '自然资源所' }));
    expect(row).toMatchObject({ stage: '办理中', signedOn: '2026-11-06', signLate: false, feedbackLate: true });
    ok(step(core, { matterId: m, type: 'unit_feedback', on: '2026-11-18', data: { progress: '已实地勘界' } }));
    [row] = ok(core.call(LOCAL_SESSION, 'units.loop', { unit: '自然资源所' }));
    expect(row).toMatchObject({ feedbackLate: false, lastFeedbackOn: '2026-11-18' });

    now = '2027-01-02T10:00:00+08:00'; // the 办结报告 is late
    [row] = ok(core.call(LOCAL_SESSION, 'units.loop', {}));
    expect(row).toMatchObject({ reportLate: true });
    ok(step(core, { matterId: m, type: 'unit_report', on: '2027-01-02', data: { result: '已调解，双方签订协议' } }));
    expect(ok(core.call(LOCAL_SESSION, 'units.loop', {}))).toEqual([]);
    expect(ok(core.call(LOCAL_SESSION, 'units.loop', { view: 'all' }))[0]).toMatchObject({ stage: '已办结', reportedOn: '2027-01-02', reportLate: false });
    d = ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: m }));
    expect(d.status.loop?.result).toBe('已调解，双方签订协议');
    core.close();
  });

  it('退回 with a reason puts the matter back to the desk, whose decision clock runs on from registration', () => {
    now = '2026-11-10T10:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock });
    const m = matter(core, '2026-11-02');
    ok(step(core, { matterId: m, type: 'transfer', on: '2026-11-03', data: { mode: '转送', unit: '舒城县自然资源和规划局', dueDate: '2026-12-03' } }));
    expect(ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: m })).status.loop?.reportDue).toBe('2026-12-03');
    expect(step(core, { matterId: m, type: 'unit_return', on: '2026-11-05', data: {} })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    const d = ok(step(core, { matterId: m, type: 'unit_return', on: '2026-11-05', data: {}, reason: '不属本单位职责' })) as { status: { state: string; decidedOn: string | null; decisionDue: string; loop: { returned: unknown } }; allowed: string[] };
    expect([d.status.state, d.status.decidedOn, d.status.decisionDue]).toEqual(['registered', null, '2026-11-17']);
    expect(d.allowed).toEqual(['accept', 'reject', 'transfer']);
    expect(d.status.loop.returned).toEqual({ on: '2026-11-05', unit: '舒城县自然资源和规划局', reason: '不属本单位职责' });
    expect(ok(core.call(LOCAL_SESSION, 'units.loop', { view: 'all' }))[0]).toMatchObject({ stage: '已退回', returnReason: '不属本单位职责' });
    ok(step(core, { matterId: m, type: 'transfer', on: '2026-11-06', data: { mode: '交办', unit: '司法所' } }));
    expect(ok(core.call(LOCAL_SESSION, 'units.loop', {}))[0]).toMatchObject({ unit: '司法所', stage: '待签收' });
    core.close();
  });

  it('units are reference data the admin keeps: a duplicate name refused', () => {
    const core = testCore({ township: 'ZMQ', clock });
    const list = ok(core.call(LOCAL_SESSION, 'units.save', { kind: '站所', name: '文化站' }));
    expect(list.find((u) => u.name === '文化站')).toMatchObject({ kind: '站所', active: true });
    expect(core.call(LOCAL_SESSION, 'units.save', { kind: '县直部门', name: '文化站' })).toMatchObject({ ok: false, code: 'UNIT_DUPLICATE' });
    // The center's villages are offered as 村/社区.
    expect(list.some((u) => u.kind === '村/社区' && u.id === null)).toBe(true);
    core.close();
  });
});

describe('交办单', () => {
  it('goes to the unit with its three due dates and its own 文号', () => {
    now = '2026-11-02T10:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock });
    const m = matter(core, '2026-11-02');
    ok(step(core, { matterId: m, type: 'transfer', on: '2026-11-02', data: { mode: '交办', unit: '自然资源所', dueDate: '2026-12-02' } }));
    const n = ok(core.call(LOCAL_SESSION, 'notices.issue', { matterId: m, kind: 'handover' }));
    const text = n.paragraphs.join('\n');
    expect([n.title, n.docNo]).toEqual(['信访事项交办单', '张信交〔2026〕1号']);
    expect(n.paragraphs[0]).toBe('自然资源所：');
    expect(text).toContain('本机关于2026年11月2日交办你单位办理');
    expect(text).toContain('请于2026年11月5日前签收；于2026年11月17日前反馈办理进展；于2026年12月2日前报送办结报告');
    expect(text).toContain('信访诉求：宅基地纠纷。');
    expect(text).not.toContain('事实和理由'); // none recorded: the line is left out
    core.close();
  });
});
