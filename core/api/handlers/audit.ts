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

/**
 * Every recorded action is a contract method (dispatch and the sign-in attempts record the method's
 * name), so its label is the contract's. A name from an older version that no method carries any more
 * is shown as 其他操作, never in English.
 */
export const auditActionLabel = (action: string): string =>
  Object.prototype.hasOwnProperty.call(contract, action) ? contract[action as keyof typeof contract].label : '其他操作';
/** Outcomes are 'ok' or an error code of the catalogue; anything else reads 其他结果. */
export const auditOutcomeLabel = (outcome: string): string =>
  outcome === 'ok' ? '成功' : Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, outcome) ? ERROR_MESSAGES[outcome as ErrorCode].zh : '其他结果';

/** What a target's kind is called: dispatch names it by the id key (`matter:12`) or the namespace of a created record. */
const TARGET_KINDS: Record<string, string> = {
  matter: '信访事项',
  person: '来访人',
  user: '账号',
  event: '办理记录',
  project: '项目',
  village: '村（社区）',
  leader: '带班领导',
  instruction: '批示',
  visit: '来访',
  reception: '接访',
  bundle: '数据包',
  key: '密钥',
  job: '任务',
  receipt: '县信访局回执',
  assignment: '交办件数据包',
};
/** `matter:12` → 信访事项 12; a kind no table names reads 记录. */
export function auditTargetLabel(target: string): string {
  if (!target) return '';
  const [kind, ...rest] = target.split(':');
  return `${TARGET_KINDS[kind!] ?? '记录'} ${rest.join(':')}`.trim();
}

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
    actionLabel: auditActionLabel(r.action),
    outcomeLabel: auditOutcomeLabel(r.outcome),
    targetLabel: auditTargetLabel(r.target),
    hash: r.hash,
  }));
}

const auditVerify = (ctx: CoreContext): AuditVerifyDto => verifyAuditTrail(ctx);

export const auditHandlers: HandlersOf<'audit'> = {
  'audit.list': auditList,
  'audit.alerts': (ctx, input) => revealAlerts(ctx, input.days),
  'audit.verify': auditVerify,
};
