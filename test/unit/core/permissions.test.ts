// Least privilege inside the methods: a reception operator records steps but does not reveal full IDs
// or phones, approve an extension or correct an event — unless the admin changes the matrix.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { LOCAL_SESSION, type Session } from '../../../core/kernel/session.js';
import { fixedClock, testCore } from '../../helpers/core.js';

const reception: Session = { user: 'lijie', role: 'reception' };
const leader: Session = { user: 'wang', role: 'leader' };

function registered(): { core: Core; matterId: number; personId: number } {
  const core = testCore({ township: 'ZMQ', clock: fixedClock('2026-11-24T09:00:00+08:00') });
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '张三', noIdReason: '未带身份证', phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' },
  });
  if (!r.ok) throw new Error(r.code);
  return { core, matterId: r.value.matterId, personId: r.value.personIds[0]! };
}

describe('permission matrix', () => {
  it('by default: reception records steps but may not reveal, approve an extension or correct', () => {
    const { core, matterId, personId } = registered();
    expect(core.call(reception, 'persons.reveal', { personId, reason: '核实身份' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(core.call(leader, 'persons.reveal', { personId, reason: '核实身份' })).toMatchObject({ ok: true, value: { phones: ['13812345678'] } });
    const accepted = core.call(reception, 'matters.step', { matterId, type: 'accept', data: {} });
    expect(accepted.ok).toBe(true);
    const extend = { matterId, type: 'extend' as const, data: { days: 10, approver: '镇长' }, reason: '需调查' };
    expect(core.call(reception, 'matters.step', extend)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const eventId = accepted.ok ? accepted.value.events.at(-1)!.id : 0;
    expect(core.call(reception, 'matters.correct', { matterId, eventId, void: true, reason: '录错' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(core.call(leader, 'matters.step', extend).ok).toBe(true);
    // Each refusal is in the audit trail, by the operator who tried.
    const audit = core.call(LOCAL_SESSION, 'audit.list', { actor: 'lijie' });
    expect(audit.ok && audit.value.filter((a) => a.outcome === 'FORBIDDEN').map((a) => a.action).sort()).toEqual(['matters.correct', 'matters.step', 'persons.reveal']);
  });

  it('the admin changes the matrix, and can never take a right from the admin', () => {
    const { core, personId } = registered();
    const m = core.call(LOCAL_SESSION, 'system.setPermissions', { reveal: ['reception'] });
    expect(m).toMatchObject({ ok: true, value: { reveal: ['reception', 'admin'] } });
    expect(core.call(reception, 'persons.reveal', { personId, reason: '核实身份' }).ok).toBe(true);
    expect(core.call(leader, 'persons.reveal', { personId, reason: '核实身份' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(core.call(reception, 'system.setPermissions', { reveal: ['reception', 'leader'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(core.call(LOCAL_SESSION, 'system.setPermissions', { reveal: ['nobody'] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
