import { timingSafeEqual } from 'node:crypto';
import type { AuthStatus, LoginResult, Me } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import type { LiveSession } from '../../kernel/session.js';
import { IntakeError } from '../../kernel/errors.js';
import { LOCKOUT_MINUTES, MAX_FAILURES } from '../../domain/password-policy.js';
import { choosePassword, passwordMatches } from '../../services/accounts.js';
import { configureCenter } from '../../services/center.js';
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

function authSetup(
  ctx: CoreContext,
  input: { username: string; displayName: string; password: string; setupCode?: string; township?: string; phone?: string },
): LoginResult {
  if (countUsers(ctx.db) > 0) throw new IntakeError('SETUP_DONE');
  if (ctx.setupCode !== undefined && !setupCodeMatches(input.setupCode, ctx.setupCode)) throw new IntakeError('SETUP_CODE_WRONG', { field: 'setupCode' });
  const passwordHash = choosePassword(input.password, input.username);
  // In the same transaction as the account: a refused phone leaves no admin behind, and no half-named center.
  if (input.township !== undefined || input.phone !== undefined) configureCenter(ctx, { township: input.township, phone: input.phone });
  const at = ctx.clock.now().toISOString();
  const id = insertUser(ctx.db, { username: input.username, displayName: input.displayName, role: 'admin', passwordHash, mustChange: false }, at);
  const s = ctx.sessions.open({ id, username: input.username, displayName: input.displayName, role: 'admin', mustChange: false });
  return { token: s.token, me: me(s) };
}

/**
 * The hash of a random password nobody knows, with the accounts' scrypt parameters. A name with no
 * account is checked against it, so a wrong name costs the same scrypt as a wrong password: the
 * time of the answer does not tell which names exist (neither does its text).
 */
const DUMMY_HASH = 'scrypt$32768$8$1$W8s+/nADEH5rokpsM+4Xkw==$rMkFVpTVoVMtMhYviJjViZYCXdAYVho4ZZkpJiA+ZuQ=';

/**
 * Failures of names that have no account, counted in memory as an account's are in the database: an
 * unknown name is "locked" after 5 tries as well, so the lockout does not tell which names exist.
 * Bounded (the oldest name is dropped first), per desk database.
 */
interface Failures {
  failedCount: number;
  lockedUntil: string | null;
}
const PHANTOM_LIMIT = 1000;
const phantoms = new WeakMap<CoreContext['db'], Map<string, Failures>>();
function phantomFor(ctx: CoreContext, username: string): Failures {
  let names = phantoms.get(ctx.db);
  if (!names) phantoms.set(ctx.db, (names = new Map()));
  let f = names.get(username);
  if (!f) {
    if (names.size >= PHANTOM_LIMIT) names.delete(names.keys().next().value!);
    names.set(username, (f = { failedCount: 0, lockedUntil: null }));
  }
  return f;
}

const clockTime = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * Checks a password against the lockout rule (5 failures → 15 minutes), for sign-in, unlock and a
 * password change alike. Exactly one scrypt runs whatever the name (DUMMY_HASH for an unknown one),
 * before anything else is decided. The answer to a wrong name or a wrong password is the same
 * BAD_CREDENTIALS, without a count of the tries left. When an account locks, its sessions end.
 * Runs in its own transaction so a failure is recorded (and audited) though the call is refused:
 * the methods that call it are `selfTx`.
 */
function attempt(ctx: CoreContext, user: UserRecord | null, username: string, password: string, action: string, opts: { field?: string; auditSuccess?: boolean } = {}): UserRecord {
  const field = opts.field ?? 'password';
  const matches = passwordMatches(password, user?.passwordHash ?? DUMMY_HASH);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const outcome = ctx.db.transaction((): { ok: true } | { ok: false; err: IntakeError } => {
    const log = (o: string) => appendAudit(ctx.db, { at, actor: username, action, target: user ? `user:${user.id}` : '', outcome: o });
    const state: Failures = user ?? phantomFor(ctx, username);
    if (state.lockedUntil && state.lockedUntil > at) {
      log('ACCOUNT_LOCKED');
      return { ok: false, err: new IntakeError('ACCOUNT_LOCKED', { field, message_zh: `密码连续错误 5 次，账号已锁定 15 分钟，请于 ${clockTime(state.lockedUntil)} 后再试` }) };
    }
    if (!user || !matches) {
      const failures = state.failedCount + 1;
      const lock = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      if (user) recordFailure(ctx.db, user.id, lock ? 0 : failures, lock, at);
      else Object.assign(state, { failedCount: lock ? 0 : failures, lockedUntil: lock });
      log(lock ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
      if (lock) {
        if (user) ctx.sessions.closeUser(user.id);
        return { ok: false, err: new IntakeError('ACCOUNT_LOCKED', { field }) };
      }
      return { ok: false, err: new IntakeError('BAD_CREDENTIALS', { field }) };
    }
    if (!user.active) {
      log('ACCOUNT_INACTIVE');
      return { ok: false, err: new IntakeError('ACCOUNT_INACTIVE') };
    }
    recordSuccess(ctx.db, user.id, at);
    if (opts.auditSuccess !== false) log('ok');
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

/**
 * A wrong current password counts toward the lockout like a wrong sign-in (so a session left open
 * cannot be used to guess the password). A new password ends the user's other sessions. `selfTx`:
 * the failure must be kept although the call is refused, so this method writes its own audit entries.
 */
function authChangePassword(ctx: CoreContext, input: { current: string; next: string }, session: Session): Me {
  const live = ctx.sessions.get(session.token);
  const user = live ? userById(ctx.db, live.userId) : null;
  if (!live || !user) throw new IntakeError('SESSION_EXPIRED');
  attempt(ctx, user, live.username, input.current, 'auth.changePassword', { field: 'current', auditSuccess: false });
  const at = ctx.clock.now().toISOString();
  const log = (outcome: string) => appendAudit(ctx.db, { at, actor: live.username, action: 'auth.changePassword', target: `user:${user.id}`, outcome });
  try {
    ctx.db.transaction(() => {
      if (input.current === input.next) throw new IntakeError('PASSWORD_SAME', { field: 'next' });
      setPassword(ctx.db, user.id, choosePassword(input.next, user.username, 'next'), false, at);
      log('ok');
    })();
  } catch (err) {
    if (err instanceof IntakeError) ctx.db.transaction(() => log(err.code))();
    throw err;
  }
  live.mustChange = false;
  ctx.sessions.closeUser(user.id, live.token);
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
