/**
 * The county workstation's entry: the same rules as dispatch.ts (sign-in, lock, must-change,
 * roles, zod input, an audit entry for every write, a CallResult for every outcome), for the
 * `county.*` methods, which are async because the county store may be a PostgreSQL server. Staff
 * accounts, sessions, lockout and the audit trail are the desk's own, kept in the county folder's
 * staff database and called through the desk's dispatch.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CoreContext } from '../kernel/context.js';
import type { Session } from '../kernel/session.js';
import type { CallFailure } from './contract/index.js';
import type { CountyDesk } from '../bundle/county.js';
import { ERROR_MESSAGES, IntakeError, type ErrorCode } from '../kernel/errors.js';
import { appendAudit } from '../store/audit.js';
import { contract, type CallResult, type MethodName, type MethodSpec } from './contract/index.js';
import { methodFacts, type MethodFacts } from './contract/facts.js';
import { countyHandlers, type CountyHandler } from './handler-table.js';

const zhCN = z.locales.zhCN();

/** The staff database's core (core/app.ts's Core): sessions, accounts and the audit trail. */
export interface StaffCore {
  ctx: CoreContext;
  callAs(token: string | null | undefined, method: string, input: unknown): CallResult<unknown>;
  sessionFor(token: string | null | undefined, method: string): { session: Session } | { failure: CallFailure };
  touched(token: string | null | undefined, method: string): void;
}

/** What a county workstation offers of the desk's contract: accounts, sign-in, the audit trail. */
const DESK_METHODS = new Set<string>(['system.info', 'system.capabilities', 'system.permissions', 'jobs.status']);
const DESK_NAMESPACES = ['auth.', 'users.', 'audit.'];
export const countyOffers = (method: string): boolean => method.startsWith('county.') || DESK_METHODS.has(method) || DESK_NAMESPACES.some((n) => method.startsWith(n));

let facts: Record<string, MethodFacts> | null = null;
/** The county's capabilities: its own methods and the desk's it offers; the renderer shows the county's pages from them. */
export const countyCapabilities = (): Record<string, MethodFacts> => (facts ??= Object.fromEntries(Object.entries(methodFacts(contract)).filter(([m]) => countyOffers(m))));

const failure = (err: IntakeError): CallResult<never> => ({ ok: false, code: err.code, message_zh: err.message_zh, ...(err.field ? { field: err.field } : {}) });

export async function countyDispatch(staff: StaffCore, desk: CountyDesk, token: string | null | undefined, method: string, input: unknown): Promise<CallResult<unknown>> {
  if (!countyOffers(method)) return failure(new IntakeError('UNKNOWN_METHOD'));
  if (method === 'system.capabilities') return { ok: true, value: countyCapabilities() };
  if (!method.startsWith('county.')) return staff.callAs(token, method, input);

  const who = staff.sessionFor(token, method);
  if ('failure' in who) return who.failure;
  const session = who.session;
  const name = method as Extract<MethodName, `county.${string}`>;
  const spec: MethodSpec<z.ZodType, unknown> = contract[name];
  const audited = spec.kind !== 'read';
  const audit = (outcome: string, target = '') =>
    staff.ctx.db.transaction(() => appendAudit(staff.ctx.db, { at: staff.ctx.clock.now().toISOString(), actor: session.user, action: method, target, outcome, detail: '' }))();
  const refuse = (code: ErrorCode, err = new IntakeError(code)) => {
    if (audited && session.role !== 'anonymous') audit(code);
    return failure(err);
  };
  if (session.role === 'anonymous') return failure(new IntakeError('UNAUTHENTICATED'));
  if (session.locked) return failure(new IntakeError('SESSION_LOCKED'));
  if (session.mustChange) return failure(new IntakeError('PASSWORD_CHANGE_REQUIRED'));
  if (!(spec.roles as readonly string[]).includes(session.role)) return refuse('FORBIDDEN');
  const parsed = spec.input.safeParse(input ?? {}, { error: zhCN.localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
    if (audited) audit('INVALID_INPUT');
    return { ok: false, code: 'INVALID_INPUT', message_zh: issue.message || ERROR_MESSAGES.INVALID_INPUT.zh, ...(field ? { field } : {}) };
  }
  try {
    const handler = countyHandlers[name] as CountyHandler<typeof name>;
    const value = await handler(desk, parsed.data as never, session);
    // The township and sequence a write touched, never a person.
    const v = value as { township?: unknown; sequence?: unknown } | null;
    if (audited) audit('ok', typeof v?.township === 'string' ? `township:${v.township}${typeof v.sequence === 'number' ? `#${v.sequence}` : ''}` : '');
    staff.touched(token, method);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof IntakeError) return refuse(err.code, err);
    const incident = randomUUID().slice(0, 8);
    staff.ctx.log.error({ incident, method, err: { name: (err as Error)?.name, stack: (err as Error)?.stack } }, 'unexpected error');
    return { ok: false, code: 'INTERNAL', message_zh: `${ERROR_MESSAGES.INTERNAL.zh}（事件编号 ${incident}）`, incident };
  }
}
