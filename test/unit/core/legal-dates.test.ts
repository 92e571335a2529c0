// Every legal date shown or printed comes from the one fold of a matter's events: the register
// result, the printed receipt, the 受理告知书 and the matter's page must agree, in either day mode.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { fixedClock, testCore } from '../../helpers/core.js';

function value<T>(r: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!r.ok) throw new Error(`call failed: ${r.code}`);
  return r.value;
}

/** Registers a matter on 2026-09-28 (before the National Day holidays) and accepts it on 10-09. */
function registerAndAccept(dayMode: 'calendar' | 'working') {
  let now = '2026-09-28T09:00:00+08:00';
  const core: Core = testCore({ township: 'ZMQ', clock: { now: () => fixedClock(now).now() } });
  // Before any matter exists the re-fold has nothing to move.
  value(core.call(LOCAL_SESSION, 'system.configure', { dayMode }));
  const reg = value(
    core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '王五', noIdReason: '未带身份证' } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发拖欠工资' },
    }),
  );
  const receipt = value(core.call(LOCAL_SESSION, 'matters.receipt', { matterId: reg.matterId }));
  const before = value(core.call(LOCAL_SESSION, 'matters.get', { matterId: reg.matterId }));
  now = '2026-10-09T10:00:00+08:00';
  value(core.call(LOCAL_SESSION, 'matters.step', { matterId: reg.matterId, type: 'accept', data: {} }));
  const after = value(core.call(LOCAL_SESSION, 'matters.get', { matterId: reg.matterId }));
  const notice = value(core.call(LOCAL_SESSION, 'notices.render', { matterId: reg.matterId, kind: 'accept' }));
  const rows = value(core.call(LOCAL_SESSION, 'matters.list', { view: 'all' }));
  return { reg, receipt, before, after, notice, rows };
}

const zh = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

describe('legal dates agree everywhere', () => {
  it.each([
    ['calendar', '2026-10-13', '2026-12-08'],
    // 15 working days skip the National Day week (10-01…10-07) and count the make-up Saturday 10-10.
    ['working', '2026-10-23', '2026-12-31'],
  ] as const)('in %s mode: register result, receipt, matter page and list give one decision date (%s)', (mode, decision, handle) => {
    const { reg, receipt, before, after, notice, rows } = registerAndAccept(mode);
    expect(before.dayMode).toBe(mode);
    expect(reg.decisionDue).toBe(decision);
    expect(receipt.decisionDue).toBe(decision);
    expect(before.status.decisionDue).toBe(decision);
    expect(before.status.nextDue).toBe(decision);
    // After acceptance the pending date is the reply date; the 受理告知书 prints that same date.
    expect(after.status.handleDue).toBe(handle);
    expect(rows.find((r) => r.id === reg.matterId)?.nextDue).toBe(handle);
    expect(notice.paragraphs.join('')).toContain(`于${zh(handle)}前出具书面处理意见`);
  });

  it('moves every kept date when the day mode changes (a re-fold job)', async () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-09-28T09:00:00+08:00') });
    const r = value(
      core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '赵六', noIdReason: '未带身份证' } }],
        visit: { headcount: 1, involved: 1 },
        matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发拖欠工资' },
      }),
    );
    expect(value(core.call(LOCAL_SESSION, 'matters.receipt', { matterId: r.matterId })).decisionDue).toBe('2026-10-13');
    const job = value(core.call(LOCAL_SESSION, 'system.configure', { dayMode: 'working' })).refoldJob;
    expect(job).toMatchObject({ kind: 'jobs.refold', state: 'running', cancellable: false });
    let status = job!;
    while (status.state === 'running') {
      await new Promise((res) => setTimeout(res, 5));
      status = value(core.call(LOCAL_SESSION, 'jobs.status', { jobId: job!.id }));
    }
    expect(status).toMatchObject({ state: 'done', done: 1, total: 1, percent: 100, result: { matters: 1 } });
    expect(value(core.call(LOCAL_SESSION, 'matters.receipt', { matterId: r.matterId })).decisionDue).toBe('2026-10-23');
    expect(value(core.call(LOCAL_SESSION, 'matters.list', { view: 'all' }))[0]?.nextDue).toBe('2026-10-23');
  });
});

describe('a repeat visit on a matter already answered', () => {
  it('carries no stale deadline in the register result or the receipt', () => {
    let now = '2026-09-28T09:00:00+08:00';
    const core = testCore({ township: 'ZMQ', clock: { now: () => fixedClock(now).now() } });
    const first = value(
      core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '王五', noIdReason: '未带身份证' } }],
        visit: { headcount: 1, involved: 1 },
        matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发拖欠工资' },
      }),
    );
    expect(first.pending).toEqual({ kind: 'decide', due: '2026-10-13' });
    now = '2026-10-09T10:00:00+08:00';
    for (const step of [
      { type: 'accept', data: {} },
      { type: 'reply', data: { facts: '已查明', basis: '《劳动合同法》', decision: '补发' } },
      { type: 'close', data: {} },
    ] as const) value(core.call(LOCAL_SESSION, 'matters.step', { matterId: first.matterId, ...step }));
    now = '2026-11-20T09:00:00+08:00';
    const again = value(
      core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { personId: first.personIds[0]! } }],
        visit: { headcount: 1, involved: 1 },
        matter: { existingId: first.matterId },
      }),
    );
    expect(again).toMatchObject({ repeat: true, pending: null });
    expect(value(core.call(LOCAL_SESSION, 'matters.receipt', { matterId: first.matterId }))).toMatchObject({ decisionPending: false });
  });
});
