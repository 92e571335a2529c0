import { z } from 'zod';
import type { AuditTrailReport, RevealAlerts } from '../../domain/views/audit.js';
import { ADMIN, date } from './spec.js';
import { method, type Namespace } from './spec.js';

export interface AuditRowDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  /** The reason the user stated (a reveal's), or ''. */
  detail: string;
  /** The action and outcome in the words an admin reads an audit trail in (the contract's label, the error's text). */
  actionLabel: string;
  outcomeLabel: string;
  /** The record touched, by its kind's Chinese name and number (信访事项 12). */
  targetLabel: string;
  hash: string;
}

/** What `audit.verify` answers: the report of core/services/audit-checkpoints.ts. */
export type AuditVerifyDto = AuditTrailReport;

/** The `audit.*` methods. */
export const auditMethods = {
  'audit.list': method<AuditRowDto[]>()({
    input: z
      .object({
        from: date.optional(),
        to: date.optional(),
        actor: z.string().max(32).optional(),
        action: z.string().max(64).optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    roles: ADMIN,
    label: '查看审计日志', kind: 'read',
  }),
  /** Who hit the hourly reveal limit, or revealed unusually many in a day, lately (the audit screen's 提醒). */
  'audit.alerts': method<RevealAlerts>()({
    input: z.object({ days: z.number().int().min(1).max(366).default(30) }).strict(),
    roles: ADMIN,
    label: '查看审计提醒', kind: 'read',
  }),
  'audit.verify': method<AuditVerifyDto>()({ input: z.object({}).strict(), roles: ADMIN, label: '校验审计日志', kind: 'read' }),
} satisfies Namespace<'audit'>;
