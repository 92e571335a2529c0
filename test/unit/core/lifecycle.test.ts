import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Input } from '../../../core/api/contract/index.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const TODAY = '2026-11-24';
const core0 = () => testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });

let seq = 100;
function register(core: Core, visitedOn: string): number {
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: makeId('1970-01-01', (seq += 2)) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${visitedOn}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
  });
  if (!r.ok) throw new Error(r.message_zh);
  return r.value.matterId;
}

const step = (core: Core, input: Input<'matters.step'>) => core.call(LOCAL_SESSION, 'matters.step', input);
const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string }): T => {
  if (!r.ok) throw new Error(r.message_zh);
  return r.value;
};
const listIds = (core: Core, view: 'open' | 'due3' | 'overdue' | 'closed') => ok(core.call(LOCAL_SESSION, 'matters.list', { view })).map((m) => m.id);
const eventCount = (core: Core) => (core.ctx.db.prepare('SELECT count(*) AS n FROM matter_events').get() as { n: number }).n;

describe('a matter through its life', () => {
  it('starts registered with the 15-day decision date, from the registration event', () => {
    const core = core0();
    const id = register(core, '2026-11-20');
    const d = ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: id }));
    expect([d.status.state, d.stateLabel, d.status.decisionDue, d.daysLeft]).toEqual(['registered', '待受理', '2026-12-05', 11]);
    expect(d.allowed).toEqual(['accept', 'reject', 'transfer']);
    expect(d.events.map((e) => e.type)).toEqual(['register']);
  });

  it('accept, extend, reply, close handling and inquiry; leaves the overdue list', () => {
    const core = core0();
    const id = register(core, '2026-08-01');
    ok(step(core, { matterId: id, type: 'accept', on: '2026-08-10', data: {} }));
    expect(listIds(core, 'overdue')).toEqual([id]); // due 10-09, still no reply
    ok(step(core, { matterId: id, type: 'start', on: '2026-08-11', data: { unit: '国土所', handler: '李明' } }));
    const ext = ok(step(core, { matterId: id, type: 'extend', on: '2026-10-08', data: { days: 30, approver: '镇长王某' }, reason: '涉及多部门会商' }));
    expect(ext.status.handleDue).toBe('2026-11-08');
    expect(listIds(core, 'overdue')).toEqual([id]); // 11-08 has passed too
    const replied = ok(step(core, { matterId: id, type: 'reply', on: '2026-11-05', data: { facts: '补偿款已拨付到村', basis: '《土地管理法》第四十八条', decision: '三日内发放到户' } }));
    expect(replied.stateLabel).toBe('已答复');
    expect(listIds(core, 'overdue')).toEqual([]);
    ok(step(core, { matterId: id, type: 'evaluate', on: '2026-11-06', data: { result: '基本满意' } }));
    ok(step(core, { matterId: id, type: 'close', on: '2026-11-07', data: {} }));
    expect(listIds(core, 'open')).toEqual([id]); // the inquiry is still open: 一访两案
    ok(step(core, { matterId: id, type: 'inquiry', on: '2026-11-08', data: { causeType: '作风', findings: '村干部拖延发放', unit: '某村', accountability: '诫勉谈话' } }));
    const done = ok(step(core, { matterId: id, type: 'inquiry_close', on: '2026-11-09', data: {} }));
    expect([done.status.fullyClosed, listIds(core, 'open'), listIds(core, 'closed')]).toEqual([true, [], [id]]);
  });

  it('refuses an illegal step, a future date and a second extension, appending nothing', () => {
    const core = core0();
    const id = register(core, '2026-11-01');
    const before = eventCount(core);
    expect(step(core, { matterId: id, type: 'close', data: {} })).toMatchObject({ ok: false, code: 'ILLEGAL_STEP', message_zh: '事项当前为“待受理”，不能办结' });
    expect(step(core, { matterId: id, type: 'accept', on: '2026-11-25', data: {} })).toMatchObject({ ok: false, code: 'EVENT_IN_FUTURE', field: 'on' });
    expect(step(core, { matterId: id, type: 'extend', data: { days: 10, approver: 'x' }, reason: '' })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(eventCount(core)).toBe(before);
    ok(step(core, { matterId: id, type: 'accept', data: {} }));
    ok(step(core, { matterId: id, type: 'extend', data: { days: 10, approver: '镇长' }, reason: '需调查' }));
    expect(step(core, { matterId: id, type: 'extend', data: { days: 5, approver: '镇长' }, reason: '再延' })).toMatchObject({ ok: false, code: 'SECOND_EXTENSION', message_zh: '办理期限只能延长一次' });
    expect(step(core, { matterId: id, type: 'extend', data: { days: 31, approver: '镇长' }, reason: 'x' })).toMatchObject({ ok: false, field: 'data.days', message_zh: '延长期限不得超过 30 日' });
  });

  it('keeps the event log append-only at the database level', () => {
    const core = core0();
    register(core, '2026-11-01');
    expect(() => core.ctx.db.prepare("UPDATE matter_events SET occurred_on = '2020-01-01'").run()).toThrow(/append-only/);
    expect(() => core.ctx.db.prepare('DELETE FROM matter_events').run()).toThrow(/append-only/);
  });

  it('recomputes deadlines when an event is corrected', () => {
    const core = core0();
    const id = register(core, '2026-09-01');
    const accepted = ok(step(core, { matterId: id, type: 'accept', on: '2026-09-20', data: {} }));
    expect(accepted.status.handleDue).toBe('2026-11-19');
    expect(listIds(core, 'overdue')).toEqual([id]);
    const acceptId = accepted.events.find((e) => e.type === 'accept')!.id;
    const fixed = ok(core.call(LOCAL_SESSION, 'matters.correct', { matterId: id, eventId: acceptId, on: '2026-09-30', reason: '受理日期录入错误' }));
    expect(fixed.status.handleDue).toBe('2026-11-29');
    expect(fixed.events.find((e) => e.id === acceptId)?.correctedBy).not.toBeNull();
    expect(listIds(core, 'overdue')).toEqual([]);
    expect(listIds(core, 'due3')).toEqual([]);
  });

  it('switches to working days and moves every deadline', async () => {
    const core = core0();
    const id = register(core, '2026-09-28');
    expect(ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: id })).status.decisionDue).toBe('2026-10-13');
    const job = ok(core.call(LOCAL_SESSION, 'system.configure', { dayMode: 'working' })).refoldJob!;
    // The matter's page folds its events as they stand: the new date at once.
    expect(ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: id })).status.decisionDue).toBe('2026-10-23');
    // The lists' kept projection follows when the re-fold job has run.
    while (ok(core.call(LOCAL_SESSION, 'jobs.status', { jobId: job.id })).state === 'running') await new Promise((r) => setTimeout(r, 5));
    expect(core.ctx.db.prepare('SELECT decision_due FROM matter_status WHERE matter_id = ?').get(id)).toEqual({ decision_due: '2026-10-23' });
  });

  it('counts due soon and overdue for the badge, and groups by unit', () => {
    const core = core0();
    register(core, '2026-11-01'); // decide by 11-16: overdue
    register(core, '2026-11-11'); // decide by 11-26: due within 3 days
    register(core, '2026-11-24'); // decide by 12-09
    expect(ok(core.call(LOCAL_SESSION, 'matters.counts', {}))).toEqual({ overdue: 1, dueSoon: 1 });
    expect(ok(core.call(LOCAL_SESSION, 'matters.groups', { by: 'unit' }))).toEqual([{ key: null, open: 3, overdue: 1 }]);
  });
});

describe('包案, 交办件 batches and projects', () => {
  it('tracks a batch handed down vs resolved, and the leader sees assigned matters', () => {
    const core = core0();
    const ids = [register(core, '2026-06-01'), register(core, '2026-06-02')];
    for (const id of ids) {
      ok(step(core, { matterId: id, type: 'assign', on: '2026-06-05', data: { kind: '交办件', leader: '党委书记', plan: '逐案建账', targetDate: '2026-08-31', source: '省联席办', batch: '省联席办 2026 第3批' } }));
      ok(step(core, { matterId: id, type: 'ledger', on: '2026-06-06', data: { analysis: '补偿标准争议', plan: '重新评估' } }));
    }
    const first = ids[0]!;
    ok(step(core, { matterId: first, type: 'accept', on: '2026-06-06', data: {} }));
    ok(step(core, { matterId: first, type: 'reply', on: '2026-07-01', data: { facts: 'f', basis: 'b', decision: 'd' } }));
    ok(step(core, { matterId: first, type: 'settle', on: '2026-07-10', data: {} }));
    expect(ok(core.call(LOCAL_SESSION, 'matters.batches', {}))).toEqual([{ batch: '省联席办 2026 第3批', handedDown: 2, resolved: 1 }]);
    expect(listIds(core, 'open').length).toBe(2); // settled, but its inquiry is open
    expect(ok(core.call(LOCAL_SESSION, 'matters.list', { view: 'all', leader: '党委书记' })).map((m) => m.id).sort()).toEqual([...ids].sort());
  });

  it('links matters to a risk-assessed project and lists them there', () => {
    const core = core0();
    const p = ok(core.call(LOCAL_SESSION, 'projects.add', { name: '南溪河旧城改造', assessedOn: '2015-06-01' }));
    expect(core.call(LOCAL_SESSION, 'projects.add', { name: '南溪河旧城改造' })).toMatchObject({ ok: false, code: 'PROJECT_DUPLICATE' });
    const id = register(core, '2026-11-01');
    ok(step(core, { matterId: id, type: 'link_project', data: { projectId: p.id } }));
    expect(step(core, { matterId: id, type: 'link_project', data: { projectId: 999 } })).toMatchObject({ ok: false, code: 'PROJECT_NOT_FOUND' });
    expect(ok(core.call(LOCAL_SESSION, 'projects.list', {}))).toEqual([expect.objectContaining({ name: '南溪河旧城改造', matters: 1, open: 1 })]);
    expect(ok(core.call(LOCAL_SESSION, 'matters.list', { view: 'all', projectId: p.id })).map((m) => m.id)).toEqual([id]);
  });
});

describe('assessment figures', () => {
  it('computes 及时受理率, 按期答复率, 参评率 and 参评满意率 over a period', () => {
    const core = core0();
    const a = register(core, '2026-07-01'); // accepted on time, replied on time, 满意
    const b = register(core, '2026-07-02'); // accepted late, replied, 不满意
    const c = register(core, '2026-07-03'); // never decided: counts against
    ok(step(core, { matterId: a, type: 'accept', on: '2026-07-05', data: {} }));
    ok(step(core, { matterId: a, type: 'reply', on: '2026-08-01', data: { facts: 'f', basis: 'b', decision: 'd' } }));
    ok(step(core, { matterId: a, type: 'evaluate', on: '2026-08-02', data: { result: '满意' } }));
    ok(step(core, { matterId: b, type: 'accept', on: '2026-07-30', data: {} }));
    ok(step(core, { matterId: b, type: 'reply', on: '2026-08-05', data: { facts: 'f', basis: 'b', decision: 'd' } }));
    ok(step(core, { matterId: b, type: 'evaluate', on: '2026-08-06', data: { result: '不满意' } }));
    void c;
    const f = ok(core.call(LOCAL_SESSION, 'stats.assessment', { from: '2026-07-01', to: '2026-07-31' }));
    expect(f.registered).toBe(3);
    expect(f.timelyDecision).toEqual({ num: 1, den: 3, rate: 1 / 3 });
    expect(f.timelyReply).toEqual({ num: 2, den: 2, rate: 1 });
    expect(f.participation).toEqual({ num: 2, den: 2, rate: 1 });
    expect(f.satisfaction).toEqual({ num: 1, den: 2, rate: 0.5 });
  });
});

describe('notices', () => {
  it('fills the 受理告知书 with the case number, dates and township, and refuses one not yet due', () => {
    const core = core0();
    const id = register(core, '2026-11-02');
    expect(core.call(LOCAL_SESSION, 'notices.render', { matterId: id, kind: 'accept' })).toMatchObject({ ok: false, code: 'NOTICE_NOT_READY' });
    ok(step(core, { matterId: id, type: 'accept', on: '2026-11-10', data: {} }));
    const n = ok(core.call(LOCAL_SESSION, 'notices.render', { matterId: id, kind: 'accept' }));
    expect(n.title).toBe('信访事项受理告知书');
    expect(n.contact).toBe('舒城县张母桥镇综治维稳信访工作中心');
    expect(n.issuer).toBe('舒城县张母桥镇人民政府');
    expect(n.docNo).toBeNull(); // a draft until issued
    const text = n.paragraphs.join('\n');
    expect(text).toContain(n.caseNo);
    expect(text).toContain('2026年11月2日提出');
    expect(text).toContain('于2026年11月10日决定受理');
    expect(text).toContain('于2027年1月9日前出具');
    expect(text).not.toMatch(/\{\w+\}/);
    ok(step(core, { matterId: id, type: 'extend', on: '2026-11-20', data: { days: 20, approver: '镇长' }, reason: '需会商' }));
    const again = ok(core.call(LOCAL_SESSION, 'notices.render', { matterId: id, kind: 'accept' })).paragraphs.join('');
    expect(again).toContain('于2027年1月9日前出具'); // as it stood when accepted
    const ext = ok(core.call(LOCAL_SESSION, 'notices.render', { matterId: id, kind: 'extend' })).paragraphs.join('');
    // Both deadlines: the original, and the new one.
    expect(ext).toContain('原定于2027年1月9日前办结。因需会商，经镇长批准，依据《信访工作条例》的规定，办理期限延长20日，将于2027年1月29日前办结');
  });
});
