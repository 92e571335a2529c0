import { z } from 'zod';
import { ADMIN, date } from './spec.js';
import { method, type Namespace } from './spec.js';

export interface AuditRowDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  /** The action and outcome in the words an admin reads an audit trail in (the contract's label, the error's text). */
  actionLabel: string;
  outcomeLabel: string;
  hash: string;
}

/**
 * The whole trail checked: the chain, and every signed checkpoint against it (a trail cut after a
 * checkpoint, or rewritten before one, no longer matches what the center key signed).
 */
export interface AuditVerifyDto {
  ok: boolean;
  entries: number;
  head: string | null;
  brokenAt: number | null;
  checkpoints: number;
  lastCheckpoint: { entries: number; at: string; reason: 'interval' | 'export' } | null;
  cutAfter: { checkpoint: number; at: string; remaining: number } | null;
  badCheckpoint: { entries: number; why: 'signature' | 'unknown-key' | 'head' } | null;
  unsigned: number;
  signers: string[];
  problem: string | null;
}

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
  'audit.verify': method<AuditVerifyDto>()({ input: z.object({}).strict(), roles: ADMIN, label: '校验审计日志', kind: 'read' }),
} satisfies Namespace<'audit'>;
