import { z } from 'zod';
import type { JobDto } from '../../domain/views/jobs.js';
import type { BackupEntry } from '../../domain/views/backups.js';
import { ADMIN } from './spec.js';
import { method, type Namespace } from './spec.js';

export type { BackupEntry };

/**
 * The `backups.*` methods (系统管理 › 本中心 › 备份). Restoring from the UI is not here yet: the
 * restore needs the core closed (docs in README, 备份).
 */
export const backupsMethods = {
  'backups.list': method<BackupEntry[]>()({ input: z.object({}).strict(), roles: ADMIN, label: '查看备份', kind: 'read' }),
  /** A backup now into a new folder the admin names (a USB stick); jobs.backup makes one under DATA/backups/. */
  'backups.makeTo': method<JobDto>()({
    input: z.object({ to: z.string({ error: '请填写备份文件夹' }).trim().min(1, { error: '请填写备份文件夹' }).max(1000, { error: '路径过长' }) }).strict(),
    roles: ADMIN,
    label: '立即备份到指定文件夹',
    kind: 'job',
  }),
} satisfies Namespace<'backups'>;
