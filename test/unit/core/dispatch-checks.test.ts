/**
 * The dispatcher's gates and its audit entries, one rule per case (issue 20: mutation testing): who
 * may call what (signed in, unlocked, password changed, role), in that order; which calls leave an
 * audit entry, by whom, naming which record, with which outcome; and what is logged.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { openCore, type Core } from '../../../core/app.js';
import { dispatch, shownIssue } from '../../../core/api/dispatch.js';
import { handlers } from '../../../core/api/handler-table.js';
import { IntakeError } from '../../../core/kernel/errors.js';
import { txEffects } from '../../../core/kernel/tx-effects.js';
import { ANONYMOUS, LOCAL_SESSION, type Session } from '../../../core/kernel/session.js';
import { createLogger } from '../../../core/kernel/log.js';
import { fixedClock, tempDir, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const desk = (): Core => {
  const c = testCore({ township: 'ZMQ' });
  open.push(c);
  return c;
};

const reception: Session = { user: 'r1', role: 'reception', userId: 7 };
const leader: Session = { user: 'l1', role: 'leader', userId: 8 };
const admin: Session = { user: 'a1', role: 'admin', userId: 9 };

type Row = { id: number; actor: string; action: string; target: string; outcome: string; at: string; detail: string };
const trail = (core: Core): Row[] => core.ctx.db.prepare('SELECT id, at, actor, action, target, outcome, detail FROM audit_log ORDER BY id').all() as Row[];
/** The audit entries the block leaves. */
function entriesOf(core: Core, block: () => void): Omit<Row, 'id' | 'at' | 'detail'>[] {
  const before = trail(core).length;
  block();
  return trail(core)
    .slice(before)
    .map(({ actor, action, target, outcome }) => ({ actor, action, target, outcome }));
}

function registerPerson(core: Core): { personId: number; matterId: number } {
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: makeId('1968-03-15', 31), phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '咨询', category: '民政', tags: [], request: '咨询低保', levelSkips: [] },
    attachments: [],
  });
  if (!r.ok) throw new Error(r.code);
  return { personId: r.value.personIds[0]!, matterId: r.value.matterId };
}

describe('the gates, in order', () => {
  it('nobody signed in may call only the public methods', () => {
    const core = desk();
    expect(core.call(ANONYMOUS, 'villages.list', {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    // Not signed in comes first, whatever else the session claims.
    expect(core.call({ ...ANONYMOUS, locked: true, mustChange: true }, 'villages.add', { name: '甲村' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(core.call(ANONYMOUS, 'system.info', {}).ok).toBe(true);
    expect(core.call(ANONYMOUS, 'auth.status', {}).ok).toBe(true);
  });

  it('a locked session may call only what is allowed while locked', () => {
    const core = desk();
    const locked = { ...admin, locked: true };
    expect(core.call(locked, 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_LOCKED' });
    expect(core.call({ ...locked, mustChange: true }, 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_LOCKED' });
    expect(core.call(locked, 'system.info', {}).ok).toBe(true);
    expect(core.call({ ...admin, locked: false }, 'villages.list', {}).ok).toBe(true);
  });

  it('a session that must change its password may call only what that allows', () => {
    const core = desk();
    const must = { ...reception, mustChange: true };
    expect(core.call(must, 'villages.list', {})).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    // Password first, then the role: an admin method is refused for the password, not the role.
    expect(core.call(must, 'villages.add', { name: '甲村' })).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(core.call(must, 'system.info', {}).ok).toBe(true);
    expect(core.call({ ...reception, mustChange: false }, 'villages.list', {}).ok).toBe(true);
  });

  it('a role the method does not name is refused, and the refusal is audited', () => {
    const core = desk();
    expect(entriesOf(core, () => expect(core.call(reception, 'villages.add', { name: '甲村' })).toMatchObject({ ok: false, code: 'FORBIDDEN' }))).toEqual([
      { actor: 'r1', action: 'villages.add', target: '', outcome: 'FORBIDDEN' },
    ]);
    // Refused before the input is looked at: even input that would fail the schema.
    expect(core.call(leader, 'villages.add', { name: 42 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // A read refused for the role is not an audited action.
    expect(entriesOf(core, () => expect(core.call(reception, 'audit.list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' }))).toEqual([]);
  });

  it('an unknown method is refused before anything else', () => {
    const core = desk();
    expect(entriesOf(core, () => expect(core.call(ANONYMOUS, 'x'.repeat(100), {})).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' }))).toEqual([]);
    expect(core.call(admin, 'toString', {})).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' });
  });
});

describe('the audit entry of a call', () => {
  it('a write that succeeds names the record it created, by kind and number', () => {
    const core = desk();
    let id = 0;
    expect(
      entriesOf(core, () => {
        const r = core.call(admin, 'villages.add', { name: '甲村' });
        id = r.ok ? r.value.id : 0;
      }),
    ).toEqual([{ actor: 'a1', action: 'villages.add', target: `village:${id}`, outcome: 'ok' }]);
    expect(id).toBeGreaterThan(0);
    expect(trail(core).at(-1)!.at).toBe(new Date('2026-11-24T09:00:00+08:00').toISOString());
  });

  it('names the record the input points at: a matter before a person', () => {
    const core = desk();
    const { personId, matterId } = registerPerson(core);
    expect(entriesOf(core, () => expect(core.call(leader, 'persons.reveal', { personId, reason: '核实身份后寄送告知书' }).ok).toBe(true))).toEqual([
      { actor: 'l1', action: 'persons.reveal', target: `person:${personId}`, outcome: 'ok' },
    ]);
    const step = entriesOf(core, () => core.call(leader, 'matters.step', { matterId, type: 'accept', on: '2026-11-24', data: {}, reason: '' }));
    expect(step).toEqual([{ actor: 'l1', action: 'matters.step', target: `matter:${matterId}`, outcome: expect.any(String) }]);
  });

  it('a reveal refused by the permission matrix is audited too, naming whom it asked for', () => {
    const core = desk();
    const { personId } = registerPerson(core);
    expect(entriesOf(core, () => core.call(reception, 'persons.reveal', { personId, reason: '核实身份后寄送告知书' }))).toEqual([
      { actor: 'r1', action: 'persons.reveal', target: `person:${personId}`, outcome: 'FORBIDDEN' },
    ]);
  });

  it('a write refused by its handler is audited with the code; one that fails the schema as INVALID_INPUT', () => {
    const core = desk();
    core.call(admin, 'villages.add', { name: '甲村' });
    expect(entriesOf(core, () => core.call(admin, 'villages.add', { name: '甲村' }))).toEqual([
      { actor: 'a1', action: 'villages.add', target: '', outcome: 'VILLAGE_DUPLICATE' },
    ]);
    expect(entriesOf(core, () => core.call(admin, 'villages.add', { name: 42 }))).toEqual([{ actor: 'a1', action: 'villages.add', target: '', outcome: 'INVALID_INPUT' }]);
  });

  it('reads leave none, valid or not', () => {
    const core = desk();
    expect(
      entriesOf(core, () => {
        core.call(admin, 'villages.list', {});
        core.call(admin, 'villages.list', { township: 'zmq' });
      }),
    ).toEqual([]);
  });

  it('before the first sign-in, the account being created is the actor; a refusal by nobody is not audited', () => {
    const core = desk();
    expect(entriesOf(core, () => core.call(ANONYMOUS, 'auth.setup', { username: 'wangadmin', displayName: '王管理', password: 'Correct-Horse-9' }))).toEqual([
      { actor: 'wangadmin', action: 'auth.setup', target: expect.any(String), outcome: 'ok' },
    ]);
    expect(entriesOf(core, () => core.call(ANONYMOUS, 'auth.setup', { username: 'eve', displayName: '夏', password: 'Correct-Horse-9' }))).toEqual([]);
    expect(entriesOf(core, () => core.call(ANONYMOUS, 'auth.setup', { username: 5 }))).toEqual([]);
  });

  it('a method that keeps its own trail (sign-in) gets no second entry from the dispatcher', () => {
    const core = desk();
    core.call(ANONYMOUS, 'auth.setup', { username: 'wangadmin', displayName: '王管理', password: 'Correct-Horse-9' });
    const rows = entriesOf(core, () => expect(core.call(ANONYMOUS, 'auth.login', { username: 'wangadmin', password: 'Correct-Horse-9' }).ok).toBe(true));
    expect(rows.filter((r) => r.action === 'auth.login')).toHaveLength(1);
  });
});

describe('input errors', () => {
  it('name the field by its dotted path, or none for the input as a whole', () => {
    const core = desk();
    const r = core.call(admin, 'visits.register', {
      participants: [{ person: { name: '', idNumber: makeId('1968-03-15', 33) } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '咨询', category: '民政', tags: [], request: '咨询', levelSkips: [] },
      attachments: [],
    });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'participants.0.person.name' });
    const whole = core.call(admin, 'villages.add', 'not an object');
    expect(whole).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(whole).not.toHaveProperty('field');
    expect(whole.ok === false && whole.message_zh.length).toBeGreaterThan(0);
    // No input at all is an empty one.
    expect(core.call(admin, 'villages.list', undefined).ok).toBe(true);
    expect(core.call(admin, 'villages.list', null).ok).toBe(true);
  });
});

describe('the call log', () => {
  it('logs writes and failures at info, reads only at debug, never the input', () => {
    const dataDir = tempDir();
    const core = openCore({ dataDir, log: createLogger(dataDir, 'info'), township: 'ZMQ', clock: fixedClock('2026-11-24T09:00:00+08:00') });
    open.push(core);
    dispatch(core.ctx, admin, 'villages.list', {});
    dispatch(core.ctx, admin, 'villages.add', { name: '秘密村' });
    dispatch(core.ctx, reception, 'villages.add', { name: '另一个村' });
    dispatch(core.ctx, admin, 'no.such', {});
    const lines = fs
      .readFileSync(path.join(dataDir, 'logs', 'intake.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'call');
    expect(lines.map((l) => [l.method, l.user, l.ok, l.code])).toEqual([
      ['villages.add', 'a1', true, undefined],
      ['villages.add', 'r1', false, 'FORBIDDEN'],
      ['no.such', 'a1', false, 'UNKNOWN_METHOD'],
    ]);
    for (const l of lines) expect(typeof l.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/秘密村|另一个村/);
  });
});

describe('the audit entry, further', () => {
  it('names a created record by its kind in the singular, even when the kind has an s inside', () => {
    const core = desk();
    let id = 0;
    const rows = entriesOf(core, () => {
      const r = core.call(admin, 'users.create', { username: 'sunxia', displayName: '孙霞', role: 'reception', password: 'Correct-Horse-9' });
      id = r.ok ? r.value.id : 0;
    });
    expect(id).toBeGreaterThan(0);
    // Signed in, the actor is the one who calls, not the account the input names.
    expect(rows).toEqual([{ actor: 'a1', action: 'users.create', target: `user:${id}`, outcome: 'ok' }]);
  });

  it('keeps a reason only for reveals: none for a write, a refused write, or a reveal that asks none', () => {
    const core = desk();
    const { personId, matterId } = registerPerson(core);
    core.call(admin, 'villages.add', { name: '甲村' });
    core.call(admin, 'villages.add', { name: 42 });
    core.call(admin, 'keys.recoveryShow', {});
    core.call(leader, 'persons.reveal', { personId, reason: '核实身份后寄送告知书' });
    // A write whose input has a reason of its own (a step's) keeps it in the matter's record, not in the trail.
    core.call(leader, 'matters.step', { matterId, type: 'accept', on: '2026-11-24', data: {}, reason: '当事人补充了材料' });
    expect(trail(core).filter((r) => r.action === 'matters.step').map((r) => r.detail)).toEqual(['']);
    const details = trail(core).map((r) => [r.action, r.outcome === 'ok' ? 'ok' : 'refused', r.detail]);
    expect(details.filter(([a]) => a === 'villages.add')).toEqual([
      ['villages.add', 'ok', ''],
      ['villages.add', 'refused', ''],
    ]);
    expect(details.filter(([a]) => a === 'keys.recoveryShow').map(([, , d]) => d)).toEqual(['']);
    expect(details.filter(([a]) => a === 'persons.reveal')).toEqual([['persons.reveal', 'ok', '核实身份后寄送告知书']]);
  });

  it('the command line\'s own session is audited as local', () => {
    const core = desk();
    expect(entriesOf(core, () => core.call(LOCAL_SESSION, 'villages.add', { name: '乙村' }))).toEqual([
      { actor: 'local', action: 'villages.add', target: expect.stringMatching(/^village:\d+$/), outcome: 'ok' },
    ]);
  });
});

describe('the issue shown for a union', () => {
  const schema = z.object({
    person: z.union([z.object({ id: z.number() }).strict(), z.object({ name: z.string().max(2, '姓名太长'), phone: z.string().max(3, '电话太长') }).strict()]),
  });
  const shown = (input: unknown): { message: string; path: PropertyKey[] } => {
    const r = schema.safeParse(input);
    if (r.success) throw new Error('expected a failure');
    return shownIssue(r.error.issues[0]!);
  };

  it('goes into the branch the input came closest to, with the whole path', () => {
    expect(shown({ person: { name: '欧阳修文', phone: '123' } })).toEqual({ message: '姓名太长', path: ['person', 'name'] });
    // Closest to the first branch: one issue there, three in the second.
    expect(shown({ person: { id: 'x' } })).toMatchObject({ path: ['person', 'id'] });
  });

  it('on a tie, takes the later, fuller form', () => {
    // One issue in each branch: the id is too small (first), the name too long (second).
    const tie = z.union([z.object({ id: z.number().min(1, '编号无效') }), z.object({ name: z.string().max(2, '姓名太长') })]);
    const r = tie.safeParse({ id: 0, name: '欧阳修文' });
    expect(r.success).toBe(false);
    expect(shownIssue(r.error!.issues[0]!)).toEqual({ message: '姓名太长', path: ['name'] });
  });

  it('an issue that is no union is shown as it is', () => {
    const r = z.object({ a: z.string() }).safeParse({ a: 1 });
    const issue = r.error!.issues[0]!;
    expect(shownIssue(issue)).toEqual({ message: issue.message, path: ['a'] });
  });
});

/** A core whose log lines (debug and up) are kept in memory. */
function loggedDesk(): { core: Core; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  const core = openCore({ dataDir: tempDir(), log, township: 'ZMQ', clock: fixedClock('2026-11-24T09:00:00+08:00') });
  open.push(core);
  return { core, lines };
}

/** Runs the block with one handler replaced. */
function withHandler(method: 'villages.add', fn: (...a: never[]) => unknown, block: () => void): void {
  const table = handlers as unknown as Record<string, unknown>;
  const original = table[method];
  table[method] = fn;
  try {
    block();
  } finally {
    table[method] = original;
  }
}

describe('the call log, further', () => {
  it('gives each call its time in milliseconds, to a tenth', () => {
    const { core, lines } = loggedDesk();
    const now = vi.spyOn(performance, 'now').mockReturnValueOnce(1000).mockReturnValue(1012.34);
    try {
      dispatch(core.ctx, admin, 'villages.list', {});
    } finally {
      now.mockRestore();
    }
    const call = lines.filter((l) => l.msg === 'call');
    // A read is logged at debug (pino level 20), under the same message as every call.
    expect(call.map((l) => [l.level, l.method, l.ms])).toEqual([[20, 'villages.list', 12.3]]);
  });

  it('an unexpected error: an incident id in the answer and the log, with the error\'s class and stack only', () => {
    const { core, lines } = loggedDesk();
    let r!: ReturnType<typeof dispatch>;
    withHandler('villages.add', () => {
      throw new RangeError('磁盘损坏 秘密村');
    }, () => {
      r = dispatch(core.ctx, admin, 'villages.add', { name: '秘密村' });
    });
    expect(r).toMatchObject({ ok: false, code: 'INTERNAL' });
    const incident = r.ok ? '' : r.incident!;
    expect(r.ok ? '' : r.message_zh).toBe(`系统内部错误，请联系管理员（事件编号 ${incident}）`);
    const err = lines.find((l) => l.msg === 'unexpected error')!;
    expect(err).toMatchObject({ level: 50, incident, method: 'villages.add', err: { name: 'RangeError' } });
    expect(String((err.err as { stack: string }).stack)).toContain('RangeError');
  });

  it('never throws, even when a handler throws something that is no error', () => {
    const { core, lines } = loggedDesk();
    for (const thrown of [null, undefined, 'text']) {
      let r!: ReturnType<typeof dispatch>;
      withHandler('villages.add', () => {
        throw thrown;
      }, () => {
        r = dispatch(core.ctx, admin, 'villages.add', { name: '甲村' });
      });
      expect(r).toMatchObject({ ok: false, code: 'INTERNAL' });
    }
    expect(lines.filter((l) => l.msg === 'unexpected error')).toHaveLength(3);
  });

  it('a file that cannot be undone after a refusal is logged as a warning, by method and error, and the refusal stands', () => {
    const { core, lines } = loggedDesk();
    let r!: ReturnType<typeof dispatch>;
    withHandler('villages.add', (c: never) => {
      const effects = txEffects((c as unknown as Core['ctx']).db);
      effects.onRollback(() => {
        throw new TypeError('目录不可写');
      });
      effects.onRollback(() => {
        throw null; // not even an error: still logged, and the next undo still runs
      });
      throw new IntakeError('VILLAGE_DUPLICATE');
    }, () => {
      r = dispatch(core.ctx, admin, 'villages.add', { name: '甲村' });
    });
    expect(r).toMatchObject({ ok: false, code: 'VILLAGE_DUPLICATE' });
    expect(lines.filter((l) => l.msg === 'file cleanup failed')).toEqual([
      expect.objectContaining({ level: 40, method: 'villages.add' }),
      expect.objectContaining({ level: 40, method: 'villages.add', err: expect.objectContaining({ name: 'TypeError', message: '目录不可写' }) }),
    ]);
  });
});
