import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Clock } from '../../../core/kernel/clock.js';
import { contract, METHOD_NAMES, ROLES } from '../../../core/api/contract/index.js';
import type { Core } from '../../../core/app.js';
import { verifyAudit } from '../../../core/store/audit.js';
import { testCore } from '../../helpers/core.js';

const ADMIN_PW = 'Desk-Keeper-2026';

/** A clock the test moves by hand. */
function movableClock(iso: string): Clock & { advance(minutes: number): void } {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (m) => void (t += m * 60_000) };
}

function withAdmin(clock = movableClock('2026-11-24T09:00:00+08:00')) {
  const core = testCore({ township: 'ZMQ', clock });
  const setup = core.callAs(null, 'auth.setup', { username: 'admin', displayName: '王管理', password: ADMIN_PW });
  if (!setup.ok) throw new Error(setup.message_zh);
  return { core, clock, admin: setup.value.token };
}

function staff(core: Core, admin: string, username: string, role: 'reception' | 'leader' | 'admin' = 'reception') {
  const r = core.callAs(admin, 'users.create', { username, displayName: '李接待', role, password: 'Initial-Pass-1' });
  if (!r.ok) throw new Error(r.message_zh);
  return r.value;
}

describe('accounts and sign-in', () => {
  it('creates the first admin once, on a fresh install only', () => {
    const core = testCore();
    expect(core.callAs(null, 'auth.status', {})).toMatchObject({ ok: true, value: { hasUsers: false, me: null } });
    expect(core.callAs(null, 'auth.setup', { username: 'admin', displayName: '王', password: 'short' })).toMatchObject({ ok: false, code: 'PASSWORD_WEAK' });
    expect(core.callAs(null, 'auth.setup', { username: 'admin', displayName: '王', password: ADMIN_PW }).ok).toBe(true);
    expect(core.callAs(null, 'auth.setup', { username: 'eve', displayName: '夏', password: ADMIN_PW })).toMatchObject({ ok: false, code: 'SETUP_DONE' });
  });

  it('first start names the center with the admin, in one transaction: a refused phone leaves neither', () => {
    const core = testCore();
    expect(core.callAs(null, 'system.info', {})).toMatchObject({ ok: true, value: { township: null } });
    expect(core.callAs(null, 'townships.list', {}).ok).toBe(true); // the setup screen picks from it, signed out
    const bad = core.callAs(null, 'auth.setup', { username: 'admin', displayName: '王', password: ADMIN_PW, township: 'ZMQ', phone: '12345' });
    expect(bad).toMatchObject({ ok: false, code: 'PHONE_INVALID', field: 'phone' });
    expect(core.callAs(null, 'auth.status', {})).toMatchObject({ ok: true, value: { hasUsers: false } });
    expect(core.callAs(null, 'system.info', {})).toMatchObject({ ok: true, value: { township: null, centerPhone: '' } });
    expect(core.callAs(null, 'auth.setup', { username: 'admin', displayName: '王', password: ADMIN_PW, township: 'XXX' })).toMatchObject({ ok: false, code: 'TOWNSHIP_UNKNOWN' });
    expect(core.callAs(null, 'auth.setup', { username: 'admin', displayName: '王', password: ADMIN_PW, township: 'ZMQ', phone: '0564-8612345' }).ok).toBe(true);
    expect(core.callAs(null, 'system.info', {})).toMatchObject({ ok: true, value: { township: { code: 'ZMQ' }, centerPhone: '0564-8612345' } });
  });

  it('stores a memory-hard hash, never the password', () => {
    const { core } = withAdmin();
    const row = core.ctx.db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(ADMIN_PW);
  });

  it('refuses calls without a session, and with an unknown token', () => {
    const { core } = withAdmin();
    expect(core.callAs(null, 'villages.list', {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message_zh: '请先登录' });
    expect(core.callAs('forged', 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(core.callAs(null, 'system.info', {}).ok).toBe(true); // the login screen needs it
  });

  it('forces a change of the initial password before anything else', () => {
    const { core, admin } = withAdmin();
    staff(core, admin, 'lijie');
    const login = core.callAs(null, 'auth.login', { username: 'lijie', password: 'Initial-Pass-1' });
    if (!login.ok) throw new Error(login.message_zh);
    expect(login.value.me.mustChange).toBe(true);
    const t = login.value.token;
    expect(core.callAs(t, 'persons.search', { q: 'zs' })).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(core.callAs(t, 'auth.changePassword', { current: 'Initial-Pass-1', next: 'weak' })).toMatchObject({ ok: false, code: 'PASSWORD_WEAK', field: 'next' });
    expect(core.callAs(t, 'auth.changePassword', { current: 'Initial-Pass-1', next: 'Li-Desk-Pass-99' })).toMatchObject({ ok: true, value: { mustChange: false } });
    expect(core.callAs(t, 'persons.search', { q: 'zs' }).ok).toBe(true);
  });

  it('locks an account for 15 minutes after 5 wrong passwords, with a Chinese message', () => {
    const { core, clock } = withAdmin();
    const wrong = () => core.callAs(null, 'auth.login', { username: 'admin', password: 'Wrong-Pass-000' });
    for (let i = 1; i <= 4; i++) expect(wrong()).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS', message_zh: '用户名或密码不正确' });
    expect(wrong()).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED', message_zh: '密码连续错误 5 次，账号已锁定 15 分钟' });
    // Even the right password is refused while locked.
    expect(core.callAs(null, 'auth.login', { username: 'admin', password: ADMIN_PW })).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED', message_zh: expect.stringMatching(/请于 09:15 后再试/) });
    clock.advance(16);
    expect(core.callAs(null, 'auth.login', { username: 'admin', password: ADMIN_PW }).ok).toBe(true);
  });

  it('locks the session after 10 idle minutes; background polls do not keep it awake', () => {
    const { core, clock, admin } = withAdmin();
    clock.advance(9);
    expect(core.callAs(admin, 'matters.counts', {}).ok).toBe(true); // passive poll
    clock.advance(2);
    expect(core.callAs(admin, 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_LOCKED' });
    expect(core.callAs(admin, 'auth.unlock', { password: 'nope' })).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
    expect(core.callAs(admin, 'auth.unlock', { password: ADMIN_PW }).ok).toBe(true);
    expect(core.callAs(admin, 'villages.list', {}).ok).toBe(true);
  });

  it('ends the sessions of a deactivated user and keeps the last admin', () => {
    const { core, admin } = withAdmin();
    const u = staff(core, admin, 'lijie');
    core.callAs(admin, 'users.resetPassword', { userId: u.id, password: 'Reset-Pass-123' });
    const t = core.callAs(null, 'auth.login', { username: 'lijie', password: 'Reset-Pass-123' });
    expect(t.ok).toBe(true);
    expect(core.callAs(admin, 'users.update', { userId: u.id, active: false }).ok).toBe(true);
    expect(core.callAs(t.ok ? t.value.token : '', 'auth.status', {})).toMatchObject({ ok: true, value: { me: null } });
    expect(core.callAs(null, 'auth.login', { username: 'lijie', password: 'Reset-Pass-123' })).toMatchObject({ ok: false, code: 'ACCOUNT_INACTIVE' });
    expect(core.callAs(admin, 'users.update', { userId: 1, role: 'reception' })).toMatchObject({ ok: false, code: 'LAST_ADMIN' });
  });
});

describe('sign-in hardening', () => {
  const login = (core: Core, username: string, password: string) => core.callAs(null, 'auth.login', { username, password });
  const token = (r: ReturnType<typeof login>) => {
    if (!r.ok) throw new Error(r.message_zh);
    return r.value.token;
  };

  it('counts wrong current passwords in auth.changePassword toward the lockout, and then ends the session', () => {
    const { core, admin } = withAdmin();
    for (let i = 1; i <= 4; i++) {
      expect(core.callAs(admin, 'auth.changePassword', { current: 'Guess-Pass-00' + i, next: 'Another-Pass-77' })).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS', field: 'current' });
    }
    const failed = core.ctx.db.prepare("SELECT failed_count AS n FROM users WHERE username = 'admin'").get() as { n: number };
    expect(failed.n).toBe(4); // kept, though each call was refused
    expect(core.callAs(admin, 'auth.changePassword', { current: 'Guess-Pass-005', next: 'Another-Pass-77' })).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    // The account is locked: the session that guessed is gone, and so is sign-in with the right password.
    expect(core.callAs(admin, 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(login(core, 'admin', ADMIN_PW)).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    const outcomes = core.ctx.db.prepare("SELECT outcome FROM audit_log WHERE action = 'auth.changePassword' ORDER BY id").all() as { outcome: string }[];
    expect(outcomes.map((o) => o.outcome)).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED']);
  });

  it('a password change ends the user’s other sessions, not the one that changed it; a reset ends all', () => {
    const { core, admin } = withAdmin();
    const other = token(login(core, 'admin', ADMIN_PW));
    expect(core.callAs(admin, 'auth.changePassword', { current: ADMIN_PW, next: 'Newer-Keeper-2027' })).toMatchObject({ ok: true });
    expect(core.callAs(admin, 'villages.list', {}).ok).toBe(true);
    expect(core.callAs(other, 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(core.ctx.db.prepare("SELECT outcome FROM audit_log WHERE action = 'auth.changePassword'").all()).toEqual([{ outcome: 'ok' }]);

    const u = staff(core, admin, 'lijie');
    const first = token(login(core, 'lijie', 'Initial-Pass-1'));
    expect(core.callAs(first, 'auth.changePassword', { current: 'Initial-Pass-1', next: 'Li-Desk-Pass-99' }).ok).toBe(true);
    const a = token(login(core, 'lijie', 'Li-Desk-Pass-99'));
    expect(core.callAs(admin, 'users.resetPassword', { userId: u.id, password: 'Reset-Pass-123' }).ok).toBe(true);
    for (const t of [first, a]) expect(core.callAs(t, 'auth.status', {})).toMatchObject({ ok: true, value: { me: null } });
  });

  it('answers an unknown and a known username alike: same code and message, no count of tries left, and the same lockout', () => {
    const { core } = withAdmin();
    const known = login(core, 'admin', 'Wrong-Pass-000');
    const unknown = login(core, 'nosuchuser', 'Wrong-Pass-000');
    expect(known).toEqual({ ok: false, code: 'BAD_CREDENTIALS', message_zh: '用户名或密码不正确', field: 'password' });
    expect(unknown).toEqual(known);
    for (let i = 2; i <= 4; i++) expect(login(core, 'nosuchuser', 'Wrong-Pass-000')).toEqual(known);
    for (let i = 2; i <= 4; i++) login(core, 'admin', 'Wrong-Pass-000');
    const lockedKnown = login(core, 'admin', 'Wrong-Pass-000');
    const lockedUnknown = login(core, 'nosuchuser', 'Wrong-Pass-000');
    expect(lockedKnown).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    expect(lockedUnknown).toEqual(lockedKnown);
    expect(login(core, 'nosuchuser', 'Wrong-Pass-000')).toEqual(login(core, 'admin', 'Wrong-Pass-000')); // both "请于 09:15 后再试"
  });

  it('takes the same time for an unknown username as for a wrong password (one scrypt either way)', () => {
    const { core } = withAdmin();
    const time = (username: string) => {
      const t0 = performance.now();
      login(core, username, 'Wrong-Pass-000');
      return performance.now() - t0;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    // Three rounds of each, interleaved (under the lockout's 5), on fresh names so neither locks.
    for (let i = 0; i < 3; i++) {
      known.push(time('admin'));
      unknown.push(time(`ghost${i}`));
    }
    const [k, u] = [median(known), median(unknown)];
    // scrypt N=2^15 takes tens of milliseconds; without the dummy hash an unknown name answers in well under one.
    expect(k).toBeGreaterThan(10);
    expect(u / k).toBeGreaterThan(0.5);
    expect(u / k).toBeLessThan(2);
  });

  it('ends every session 12 hours after sign-in however active, and forgets abandoned ones', () => {
    const { core, clock, admin } = withAdmin();
    for (let i = 0; i < 79; i++) {
      clock.advance(9);
      expect(core.callAs(admin, 'villages.list', {}).ok).toBe(true); // active all day: 711 minutes
    }
    clock.advance(9);
    expect(core.callAs(admin, 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(core.ctx.sessions.size).toBe(0);

    const t = token(login(core, 'admin', ADMIN_PW));
    clock.advance(30);
    expect(core.callAs(t, 'villages.list', {})).toMatchObject({ ok: false, code: 'SESSION_LOCKED' }); // locked, still held
    expect(core.ctx.sessions.size).toBe(1);
    clock.advance(31);
    expect(core.callAs(null, 'auth.status', {}).ok).toBe(true); // any lookup sweeps
    expect(core.ctx.sessions.size).toBe(0);
    expect(core.callAs(t, 'auth.unlock', { password: ADMIN_PW })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });
});

describe('roles: every contract method refuses every role it does not allow', () => {
  const core = testCore({ township: 'ZMQ' });
  for (const method of METHOD_NAMES) {
    const spec = contract[method];
    it(`${method}`, () => {
      for (const role of ROLES) {
        const r = core.call({ user: 't', role }, method, {});
        if (spec.public || spec.roles.includes(role)) expect(r.ok || r.code !== 'FORBIDDEN', `${role} should pass the role check`).toBe(true);
        else expect(r, `${role} must be refused`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      }
      const anon = core.call({ user: 'anonymous', role: 'anonymous' }, method, {});
      if (!spec.public) expect(anon).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });
  }
});

describe('audit trail', () => {
  it('records writes and refusals with who, what, which record and outcome — and no personal data', () => {
    const { core, admin } = withAdmin();
    core.callAs(admin, 'villages.add', { name: '甲村' });
    core.callAs(admin, 'villages.add', { name: '' });
    const reg = core.callAs(admin, 'visits.register', {
      participants: [{ person: { name: '张三', noIdReason: '未带', phones: ['13812345678'] } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '咨询', category: '其他', request: '咨询政策' },
    });
    expect(reg.ok).toBe(true);
    core.call({ user: 'lijie', role: 'reception' }, 'villages.add', { name: '乙村' });
    const rows = core.ctx.db.prepare('SELECT actor, action, target, outcome FROM audit_log ORDER BY id').all();
    expect(rows).toEqual([
      { actor: 'admin', action: 'auth.setup', target: '', outcome: 'ok' },
      { actor: 'admin', action: 'villages.add', target: expect.stringMatching(/^village:\d+$/), outcome: 'ok' },
      { actor: 'admin', action: 'villages.add', target: '', outcome: 'VILLAGE_NAME_REQUIRED' },
      { actor: 'admin', action: 'visits.register', target: 'matter:1', outcome: 'ok' },
      { actor: 'lijie', action: 'villages.add', target: '', outcome: 'FORBIDDEN' },
    ]);
    const all = JSON.stringify(core.ctx.db.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toContain('张三');
    expect(all).not.toContain('13812345678');
  });

  it('records sign-in attempts, and the chain verifies until someone edits an entry', () => {
    const { core } = withAdmin();
    core.callAs(null, 'auth.login', { username: 'admin', password: 'Wrong-Pass-000' });
    core.callAs(null, 'auth.login', { username: 'admin', password: ADMIN_PW });
    expect(core.call(LOCAL_SESSION, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, entries: 3, brokenAt: null } });
    expect(() => core.ctx.db.prepare("UPDATE audit_log SET outcome = 'ok'").run()).toThrow(/append-only/);
    core.ctx.db.exec('DROP TRIGGER audit_log_no_update');
    core.ctx.db.prepare("UPDATE audit_log SET outcome = 'ok' WHERE id = 2").run();
    expect(verifyAudit(core.ctx.db)).toMatchObject({ ok: false, brokenAt: 2, entries: 2 });
  });
});
