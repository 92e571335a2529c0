import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contract, type CallResult, type MethodName, type Output } from './contract.js';
import type { CoreContext, Session } from './context.js';
import { handlers } from './handlers/index.js';
import { ERROR_MESSAGES, IntakeError } from '../domain/errors.js';

const zhCN = z.locales.zhCN();

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

function failure(err: IntakeError): CallResult<never> {
  return { ok: false, code: err.code, message_zh: err.message_zh, ...(err.field ? { field: err.field } : {}) };
}

/**
 * The single entry to the core: look the method up, validate the input, check the role, run the
 * handler in one transaction, and turn every outcome into a CallResult. Never throws.
 */
export function dispatch<M extends MethodName>(
  ctx: CoreContext,
  session: Session,
  method: M | string,
  input: unknown,
): CallResult<Output<M>> {
  if (!isMethodName(method)) return failure(new IntakeError('UNKNOWN_METHOD', { detail: method }));
  const spec = contract[method];
  if (!spec.roles.includes(session.role)) return failure(new IntakeError('FORBIDDEN'));

  const parsed = spec.input.safeParse(input ?? {}, { error: zhCN.localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
    return {
      ok: false,
      code: 'INVALID_INPUT',
      message_zh: issue.message || ERROR_MESSAGES.INVALID_INPUT.zh,
      ...(field ? { field } : {}),
    };
  }

  const handler = handlers[method] as (c: CoreContext, i: unknown, s: Session) => Output<M>;
  try {
    const value = ctx.db.transaction(() => handler(ctx, parsed.data, session))();
    return { ok: true, value };
  } catch (err) {
    if (err instanceof IntakeError) return failure(err);
    const incident = randomUUID().slice(0, 8);
    // Only the method and the error's class and stack: inputs may hold personal data.
    ctx.log.error({ incident, method, err: { name: (err as Error)?.name, stack: (err as Error)?.stack } }, 'unexpected error');
    return { ok: false, code: 'INTERNAL', message_zh: `${ERROR_MESSAGES.INTERNAL.zh}（事件编号 ${incident}）`, incident };
  }
}
