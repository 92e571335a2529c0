import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contract, type CallResult, type MethodName, type MethodSpec, type Output } from './contract/index.js';
import type { CoreContext } from '../kernel/context.js';
import type { Session } from '../kernel/session.js';
import { handlers } from './handler-table.js';
import { ERROR_MESSAGES, IntakeError, type ErrorCode } from '../kernel/errors.js';
import { appendAudit } from '../store/audit.js';
import { withTxEffects } from '../kernel/tx-effects.js';

const zhCN = z.locales.zhCN();

/**
 * The issue to show. A union (a person by id or new; a matter existing or new) that fails says only
 * "无效输入" at its root, so go into the branch the input came closest to (fewest issues; on a tie
 * the later, fuller form) and show its first issue, with the whole path: "不能超过 2000 字" under
 * matter.request rather than "无效输入" under matter.
 */
export function shownIssue(issue: z.core.$ZodIssue): { message: string; path: PropertyKey[] } {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = issue.errors.reduce((best, b) => (b.length > 0 && b.length <= best.length ? b : best));
    if (branch.length > 0) {
      const inner = shownIssue(branch[0]!);
      return { message: inner.message, path: [...issue.path, ...inner.path] };
    }
  }
  return { message: issue.message, path: issue.path };
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

function failure(err: IntakeError): CallResult<never> {
  return { ok: false, code: err.code, message_zh: err.message_zh, ...(err.field ? { field: err.field } : {}) };
}

/** Names the record a call touched, by kind and number only: never its content. */
function auditTarget(method: string, input: unknown, value: unknown): string {
  for (const src of [input, value]) {
    if (!src || typeof src !== 'object') continue;
    const o = src as Record<string, unknown>;
    for (const key of ['matterId', 'personId', 'userId', 'eventId', 'projectId'] as const) {
      if (typeof o[key] === 'number') return `${key.slice(0, -2)}:${o[key]}`;
    }
  }
  // A created record: 'villages.add' returning { id: 5 } touched village:5.
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? `${method.split('.')[0]!.replace(/s$/, '')}:${id}` : '';
}

/**
 * The reason a reveal states, from its validated input: kept in the audit entry (the trail is in the
 * encrypted database, shown to admins) and never logged, since it may name people.
 */
function auditDetail(spec: MethodSpec<z.ZodType, unknown>, validated: unknown): string {
  if (spec.kind !== 'reveal' || !validated || typeof validated !== 'object') return '';
  const reason = (validated as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : '';
}

function audit(ctx: CoreContext, session: Session, method: string, input: unknown, value: unknown, outcome: string, detail = ''): void {
  // Before sign-in (the first admin's setup) the actor is the account being created.
  const named = (input as { username?: unknown } | null)?.username;
  const actor = session.role === 'anonymous' && typeof named === 'string' ? named : session.user;
  appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor, action: method, target: auditTarget(method, input, value), outcome, detail });
}

/**
 * The single entry to the core: look the method up, check who may call it, validate the input, run
 * the handler in one transaction, leave an audit entry for writes and reveals, and turn every outcome
 * into a CallResult. Never throws.
 */
export function dispatch<M extends MethodName>(ctx: CoreContext, session: Session, method: M | string, input: unknown): CallResult<Output<M>> {
  const started = performance.now();
  const result = dispatchInner<M>(ctx, session, method, input);
  // What happened, by whom and how fast; never the input or the result, which carry personal data.
  const line = { method, user: session.user, ok: result.ok, code: result.ok ? undefined : result.code, ms: Math.round((performance.now() - started) * 10) / 10 };
  if (!result.ok || (isMethodName(method) && contract[method].kind !== 'read')) ctx.log.info(line, 'call');
  else ctx.log.debug(line, 'call');
  return result;
}

function dispatchInner<M extends MethodName>(ctx: CoreContext, session: Session, method: M | string, input: unknown): CallResult<Output<M>> {
  if (!isMethodName(method)) return failure(new IntakeError('UNKNOWN_METHOD'));
  const spec: MethodSpec<z.ZodType, unknown> = contract[method];
  const audited = spec.kind !== 'read' && !spec.selfTx;
  // The validated input, once there is one: only then does a reveal's reason go into the trail.
  let validated: unknown = null;
  const refuse = (code: ErrorCode, err = new IntakeError(code)): CallResult<never> => {
    if (audited && session.role !== 'anonymous') ctx.db.transaction(() => audit(ctx, session, method, input, null, code, auditDetail(spec, validated)))();
    return failure(err);
  };

  if (session.role === 'anonymous' && !spec.public) return failure(new IntakeError('UNAUTHENTICATED'));
  if (session.locked && !spec.whileLocked) return failure(new IntakeError('SESSION_LOCKED'));
  if (session.mustChange && !spec.whileMustChange) return failure(new IntakeError('PASSWORD_CHANGE_REQUIRED'));
  if (!spec.public && !(spec.roles as readonly string[]).includes(session.role)) return refuse('FORBIDDEN');

  const parsed = spec.input.safeParse(input ?? {}, { error: zhCN.localeError });
  if (!parsed.success) {
    const issue = shownIssue(parsed.error.issues[0]!);
    const field = issue.path.join('.'); // '' for the input as a whole: no field then
    if (audited && session.role !== 'anonymous') ctx.db.transaction(() => audit(ctx, session, method, input, null, 'INVALID_INPUT'))();
    return { ok: false, code: 'INVALID_INPUT', message_zh: issue.message || ERROR_MESSAGES.INVALID_INPUT.zh, ...(field ? { field } : {}) };
  }

  validated = parsed.data;
  const handler = handlers[method] as (c: CoreContext, i: unknown, s: Session) => Output<M>;
  try {
    const run = (): Output<M> => {
      const value = handler(ctx, parsed.data, session);
      if (audited) audit(ctx, session, method, parsed.data, value, 'ok', auditDetail(spec, parsed.data));
      return value;
    };
    const value = spec.selfTx
      ? run()
      : withTxEffects(ctx.db, ctx.db.transaction(run), (e) => ctx.log.warn({ method, err: { name: (e as Error)?.name, message: (e as Error)?.message } }, 'file cleanup failed'));
    return { ok: true, value };
  } catch (err) {
    if (err instanceof IntakeError) return refuse(err.code, err);
    const incident = randomUUID().slice(0, 8);
    // Only the method and the error's class and stack: inputs may hold personal data.
    ctx.log.error({ incident, method, err: { name: (err as Error)?.name, stack: (err as Error)?.stack } }, 'unexpected error');
    return { ok: false, code: 'INTERNAL', message_zh: `${ERROR_MESSAGES.INTERNAL.zh}（事件编号 ${incident}）`, incident };
  }
}
