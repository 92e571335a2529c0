// The role matrix walked over every method and every step type (issue 13): each method is called by
// each role and by nobody, and what gets through is compared with ../shared/DOMAIN.md "Roles",
// written out here on its own, not read from the contract; then every handling step, a reveal and a
// correction by each role under the default matrix and under one the admin changed.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { contract } from '../../../core/api/contract/index.js';
import { stepInput } from '../../../core/api/contract/steps.js';
import { ROLES, type Role } from '../../../core/kernel/roles.js';
import { LOCAL_SESSION, type Session } from '../../../core/kernel/session.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const desk = (): Core => {
  const c = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T09:00:00+08:00') });
  open.push(c);
  return c;
};
const as = (role: Role | 'anonymous'): Session => ({ user: `walker-${role}`, role });
const GATES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/** What nobody signed in may do: sign in, set up the first admin, and what the sign-in screen shows. */
const PUBLIC = ['auth.login', 'auth.setup', 'auth.status', 'system.capabilities', 'system.info', 'townships.list'];
/** DOMAIN.md: staff, roster, villages, units, settings, keys, bundles, backups, audit are the admin's. */
const ADMIN_ONLY = [
  'users.create', 'users.list', 'users.update', 'users.resetPassword',
  'roster.set', 'roster.swap', 'roster.clear', 'leaders.save',
  'villages.add', 'units.save',
  'system.configure', 'system.setPermissions', 'stats.configure', 'notices.configure',
  'keys.status', 'keys.rotate', 'keys.recovery', 'keys.recoveryShow', 'keys.recoveryPrinted',
  'bundles.setCounty', 'bundles.exportStart', 'bundles.exportStatus', 'bundles.status',
  'backups.list', 'backups.makeTo', 'backups.restore', 'backups.lastRestore', 'jobs.backup', 'jobs.refold', 'jobs.cancel',
  'audit.list', 'audit.verify', 'audit.alerts',
];
/** 批示 and the leader's reception day are the leaders' (the admin keeps every right). */
const LEADERS = ['instructions.add', 'reception.start', 'reception.save'];
/** The desk's work, open to every role: registering, receipts, handling, the lists and the figures. */
const EVERYONE = [
  'visits.register', 'matters.receipt', 'matters.step', 'matters.correct', 'matters.get', 'matters.list', 'persons.search',
  'persons.reveal', 'persons.history', 'today.queue', 'notices.issue', 'notices.serve', 'stats.report', 'attachments.begin',
  'instructions.note', 'instructions.done', 'auth.changePassword', 'auth.logout', 'auth.lock',
];

describe('the role matrix over every method', () => {
  it('lets each role through exactly the methods DOMAIN.md gives it, and nobody signed in only the public ones', () => {
    const core = desk();
    const through = new Map<string, string[]>();
    for (const method of Object.keys(contract)) {
      if (method.startsWith('county.')) continue; // a desk refuses the county's methods whoever asks (capabilities test)
      const who: string[] = [];
      for (const role of [...ROLES, 'anonymous'] as const) {
        // Not an object: every schema refuses it, so nothing runs, but only after the gates have spoken.
        const r = core.call(as(role), method as never, 7 as never);
        expect(r.ok, `${method} as ${role}`).toBe(false);
        if (!r.ok && !GATES.has(r.code)) {
          expect(r.code, `${method} as ${role}`).toBe('INVALID_INPUT');
          who.push(role);
        }
      }
      through.set(method, who);
    }
    const allWho = [...ROLES, 'anonymous'];
    expect([...through].filter(([, w]) => w.includes('anonymous')).map(([m]) => m).sort()).toEqual([...PUBLIC].sort());
    for (const m of PUBLIC) expect(through.get(m), m).toEqual(allWho);
    for (const m of ADMIN_ONLY) expect(through.get(m), m).toEqual(['admin']);
    for (const m of LEADERS) expect(through.get(m), m).toEqual(['leader', 'admin']);
    for (const m of EVERYONE) expect(through.get(m), m).toEqual(['reception', 'leader', 'admin']);
    // Every method is either public or open to the admin: the center never locks itself out.
    expect([...through].filter(([, w]) => !w.includes('admin')).map(([m]) => m)).toEqual([]);
  });
});

/** Valid data for every step type; the walk fails if a type is added without one here. */
const SAMPLES: Record<string, { data: unknown; reason?: string }> = {
  accept: { data: {} },
  reject: { data: { redirect: 'litigation', body: '人民法院' } },
  transfer: { data: { mode: '交办', unit: '国土所' } },
  unit_sign: { data: { receiver: '王收' } },
  unit_return: { data: {}, reason: '不属本单位' },
  unit_feedback: { data: { progress: '正在办理' } },
  unit_report: { data: { result: '已办结' } },
  start: { data: { unit: '司法所', handler: '李明' } },
  extend: { data: { days: 30, approver: '镇长' }, reason: '需要调查' },
  reply: { data: { facts: '事实', basis: '依据', decision: '意见' } },
  close: { data: {} },
  evaluate: { data: { result: '满意' } },
  review_request: { data: {} },
  review_result: { data: { outcome: '维持' } },
  recheck_request: { data: {} },
  recheck_result: { data: { outcome: '维持' } },
  settle: { data: {} },
  inquiry: { data: { causeType: '政策', findings: '结论' } },
  inquiry_close: { data: {} },
  assign: { data: { kind: '重点', leader: '镇长', plan: '方案', targetDate: '2026-12-31' } },
  ledger: { data: { analysis: '分析' } },
  link_project: { data: { projectId: null } },
  overdue_reason: { data: {}, reason: '等待鉴定' },
  follow_up: { data: { means: '电话', by: '李明', content: '已回访，群众表示理解' } },
};
const STEP_TYPES = stepInput.options.map((o) => o.shape.type.value as string);

let seq = 501;
function matterOf(core: Core): { matterId: number; personId: number } {
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: makeId('1970-03-03', (seq += 2)), phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' },
  });
  if (!r.ok) throw new Error(r.code);
  return { matterId: r.value.matterId, personId: r.value.personIds[0]! };
}

/** Each step type by each role on a fresh matter: refused by the matrix, or through to the step's own rules. */
function walkSteps(core: Core): Record<string, string[]> {
  const refused: Record<string, string[]> = {};
  for (const type of STEP_TYPES) {
    for (const role of ROLES) {
      const { matterId } = matterOf(core);
      const s = SAMPLES[type]!;
      const r = core.call(as(role), 'matters.step', { matterId, type, data: s.data, reason: s.reason ?? '' } as never);
      if (!r.ok) expect(r.code, `${type} as ${role}`).not.toBe('INVALID_INPUT');
      if (!r.ok && r.code === 'FORBIDDEN') (refused[type] ??= []).push(role);
    }
  }
  return refused;
}

describe('the role matrix inside the methods', () => {
  it('has a sample for every step type', () => {
    expect(STEP_TYPES.filter((t) => !SAMPLES[t])).toEqual([]);
    expect(STEP_TYPES.length).toBeGreaterThan(20);
  });

  it('by default: every step is recorded by every role but an extension, which reception may not approve', () => {
    expect(walkSteps(desk())).toEqual({ extend: ['reception'] });
  });

  it('by default: reveals and corrections by leaders and the admin only', () => {
    const core = desk();
    const { matterId, personId } = matterOf(core);
    const accepted = core.call(LOCAL_SESSION, 'matters.step', { matterId, type: 'accept', data: {}, reason: '' });
    if (!accepted.ok) throw new Error(accepted.code);
    const eventId = accepted.value.events.at(-1)!.id;
    const outcome = (role: Role) => {
      const reveal = core.call(as(role), 'persons.reveal', { personId, reason: '核实身份' });
      const correct = core.call(as(role), 'matters.correct', { matterId, eventId, on: '2026-11-24', reason: '录错日期' });
      return [reveal.ok ? 'ok' : reveal.code, correct.ok ? 'ok' : correct.code];
    };
    expect(outcome('reception')).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(outcome('leader')).toEqual(['ok', 'ok']);
    expect(outcome('admin')).toEqual(['ok', 'ok']);
  });

  it('under a matrix the admin changed: steps only by leaders, extensions by reception too', () => {
    const core = desk();
    const set = core.call(LOCAL_SESSION, 'system.setPermissions', { recordStep: ['leader'], approveExtension: ['reception', 'leader'] });
    expect(set.ok).toBe(true);
    const refused = walkSteps(core);
    const everyButExtend = Object.fromEntries(STEP_TYPES.filter((t) => t !== 'extend').map((t) => [t, ['reception']]));
    expect(refused).toEqual(everyButExtend);
  });
});
