import { z } from 'zod';
import type { JobDto } from '../../domain/views/jobs.js';
import { ADMIN, ANYONE } from './spec.js';
import { method, type Namespace } from './spec.js';

/** Anyone may follow a job they started (an export); the admin follows every job. */
const jobId = z.object({ jobId: z.uuid({ error: '没有这个任务' }) }).strict();

/** The `jobs.*` methods: long work with progress and cancel (core/services/jobs.ts). */
export const jobsMethods = {
  'jobs.status': method<JobDto>()({ input: jobId, roles: ANYONE, label: '任务进度', onWriter: true, passive: true, kind: 'read' }),
  'jobs.cancel': method<JobDto>()({ input: jobId, roles: ADMIN, label: '取消任务', kind: 'write' }),
  /** A backup now, into DATA/backups/<folder> (default manual-<time>), with every check the daily one has. */
  'jobs.backup': method<JobDto>()({
    input: z
      .object({
        /** A new folder's name under DATA/backups/: letters, digits, '.', '_' and '-', never a path. */
        folder: z
          .string({ error: '请填写备份文件夹名称' })
          .regex(/^(?!\.)[A-Za-z0-9._-]{1,64}$/, { error: '备份文件夹名称只能包含字母、数字和 . _ -，且不能以 . 开头' })
          .refine((f) => !f.endsWith('.partial'), { error: '备份文件夹名称不能以 .partial 结尾' })
          .optional(),
      })
      .strict(),
    roles: ADMIN,
    label: '立即备份',
    kind: 'job',
  }),
  /** Every matter's deadlines recomputed (after a change of the day mode, or on request). */
  'jobs.refold': method<JobDto>()({ input: z.object({}).strict(), roles: ADMIN, label: '重算全部期限', kind: 'job' }),
} satisfies Namespace<'jobs'>;
