import { timingSafeEqual } from 'node:crypto';
import type { AuthStatus, LoginResult, Me } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import type { LiveSession } from '../../kernel/session.js';
import { IntakeError } from '../../kernel/errors.js';
import { LOCKOUT_MINUTES, MAX_FAILURES } from '../../domain/password-policy.js';
import { choosePassword, passwordMatches } from '../../services/accounts.js';
import { appendAudit } from '../../store/audit.js';
import { countUsers, insertUser, recordFailure, recordSuccess, setPassword, userById, userByName, type UserRecord } from '../../store/users.js';

const me = (s: LiveSession): Me => ({ username: s.username, displayName: s.displayName, role: s.role, mustChange: s.mustChange, locked: s.locked });

function authStatus(ctx: CoreContext, _input: unknown, session: Session): AuthStatus {
  const live = session.token ? ctx.sessions.get(session.token) : null;
  const hasUsers = countUsers(ctx.db) > 0;
  return { hasUsers, setupCodeRequired: !hasUsers && ctx.setupCode !== undefined, me: live ? me(live) : null };
}

/** The first admin, on a fresh install only. They chose their password, so no forced change. */
/** Compares the typed setup code with the printed one, dashes and case aside, in constant time. */
function setupCodeMatches(given: string | undefined, expected: string): boolean {
  const norm = (s: string) => Buffer.from(s.replace(/[-\s]/g, '').toUpperCase());
  const [a, b] = [norm(given ?? ''), norm(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

function authSetup(ctx: CoreContext, input: { username: string; displayName: string; password: string; setupCode?: string }): LoginResult {
  if (countUsers(ctx.db) > 0) throw new IntakeError('SETUP_DONE');
  if (ctx.setupCode !== undefined && !setupCodeMatches(input.setupCode, ctx.setupCode)) throw new IntakeError('SETUP_CODE_WRONG', { field: 'setupCode' });
  const passwordHash = choosePassword(input.password, input.username);
  const at = ctx.clock.now().toISOString();
  const id = insertUser(ctx.db, { username: input.username, displayName: input.displayName, role: 'admin', passwordHash, mustChange: false }, at);
  const s = ctx.sessions.open({ id, username: input.username, displayName: input.displayName, role: 'admin', mustChange: false });
  return { token: s.token, me: me(s) };
}

/**
 * Checks a password against the lockout rule (5 failures → 15 minutes). Runs in its own
 * transaction so a failure is recorded (and audited) even though the call is refused.
 */
function attempt(ctx: CoreContext, user: UserRecord | null, username: string, password: string, action: string): UserRecord {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const outcome = ctx.db.transaction((): { ok: true } | { ok: false; err: IntakeError } => {
    const log = (o: string) => appendAudit(ctx.db, { at, actor: username, action, target: user ? `user:${user.id}` : '', outcome: o });
    if (!user) {
      log('BAD_CREDENTIALS');
      return { ok: false, err: new IntakeError('BAD_CREDENTIALS', { field: 'password' }) };
    }
    if (user.lockedUntil && user.lockedUntil > at) {
      log('ACCOUNT_LOCKED');
      const until = new Date(user.lockedUntil).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      return { ok: false, err: new IntakeError('ACCOUNT_LOCKED', { field: 'password', message_zh: `密码连续错误 5 次，账号已锁定 15 分钟，请于 ${until} 后再试` }) };
    }
    if (!passwordMatches(password, user.passwordHash)) {
      const failures = user.failedCount + 1;
      const lock = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      recordFailure(ctx.db, user.id, lock ? 0 : failures, lock, at);
      log(lock ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
      if (lock) return { ok: false, err: new IntakeError('ACCOUNT_LOCKED', { field: 'password' }) };
      return { ok: false, err: new IntakeError('BAD_CREDENTIALS', { field: 'password', message_zh: `用户名或密码不正确（还可尝试 ${MAX_FAILURES - failures} 次）` }) };
    }
    if (!user.active) {
      log('ACCOUNT_INACTIVE');
      return { ok: false, err: new IntakeError('ACCOUNT_INACTIVE') };
    }
    recordSuccess(ctx.db, user.id, at);
    log('ok');
    return { ok: true };
  })();
  if (!outcome.ok) throw outcome.err;
  return user!;
}

function authLogin(ctx: CoreContext, input: { username: string; password: string }): LoginResult {
  const user = attempt(ctx, userByName(ctx.db, input.username), input.username, input.password, 'auth.login');
  const s = ctx.sessions.open({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, mustChange: user.mustChange });
  return { token: s.token, me: me(s) };
}

function authUnlock(ctx: CoreContext, input: { password: string }, session: Session): Me {
  const live = ctx.sessions.get(session.token);
  if (!live) throw new IntakeError('SESSION_EXPIRED');
  const user = attempt(ctx, userById(ctx.db, live.userId), live.username, input.password, 'auth.unlock');
  void user;
  live.locked = false;
  ctx.sessions.touch(live);
  return me(live);
}

function authLogout(ctx: CoreContext, _input: unknown, session: Session): null {
  if (session.token) ctx.sessions.close(session.token);
  return null;
}

function authLock(ctx: CoreContext, _input: unknown, session: Session): null {
  const live = ctx.sessions.get(session.token);
  if (live) live.locked = true;
  return null;
}

function authChangePassword(ctx: CoreContext, input: { current: string; next: string }, session: Session): Me {
  const live = ctx.sessions.get(session.token);
  const user = live ? userById(ctx.db, live.userId) : null;
  if (!live || !user) throw new IntakeError('SESSION_EXPIRED');
  if (!passwordMatches(input.current, user.passwordHash)) throw new IntakeError('BAD_CREDENTIALS', { field: 'current', message_zh: '原密码不正确' });
  if (input.current === input.next) throw new IntakeError('PASSWORD_SAME', { field: 'next' });
  setPassword(ctx.db, user.id, choosePassword(input.next, user.username, 'next'), false, ctx.clock.now().toISOString());
  live.mustChange = false;
  return me(live);
}

export const authHandlers: HandlersOf<'auth'> = {
  'auth.status': authStatus,
  'auth.setup': authSetup,
  'auth.login': authLogin,
  'auth.logout': authLogout,
  'auth.lock': authLock,
  'auth.unlock': authUnlock,
  'auth.changePassword': authChangePassword,
};
