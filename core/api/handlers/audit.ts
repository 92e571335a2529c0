import type { AuditRowDto } from '../contract/index.js';
import type { AuditVerifyDto } from '../contract/audit.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { addDays } from '../../domain/local-time.js';
import { listAudit } from '../../store/audit.js';
import { verifyAuditTrail } from '../../services/audit-checkpoints.js';
import { revealAlerts } from '../../services/person-history.js';
import { ERROR_MESSAGES, type ErrorCode } from '../../kernel/errors.js';
import { contract } from '../contract/index.js';

/** Actions recorded outside the contract's methods (the command line's own steps), by their recorded name. */
const labelOf = (action: string): string =>
  Object.prototype.hasOwnProperty.call(contract, action) ? contract[action as keyof typeof contract].label : action;
const outcomeOf = (outcome: string): string =>
  outcome === 'ok' ? '成功' : Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, outcome) ? ERROR_MESSAGES[outcome as ErrorCode].zh : outcome;

const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

function auditList(ctx: CoreContext, input: { from?: string; to?: string; actor?: string; action?: string; limit: number }): AuditRowDto[] {
  return listAudit(ctx.db, {
    from: input.from ? startOf(input.from) : undefined,
    to: input.to ? startOf(addDays(input.to, 1)) : undefined,
    actor: input.actor || undefined,
    action: input.action || undefined,
    limit: input.limit,
  }).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    detail: r.detail ?? '',
    actionLabel: labelOf(r.action),
    outcomeLabel: outcomeOf(r.outcome),
    hash: r.hash,
  }));
}

const auditVerify = (ctx: CoreContext): AuditVerifyDto => verifyAuditTrail(ctx);

export const auditHandlers: HandlersOf<'audit'> = {
  'audit.list': auditList,
  'audit.alerts': (ctx, input) => revealAlerts(ctx, input.days),
  'audit.verify': auditVerify,
};
