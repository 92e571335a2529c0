import { z } from 'zod';
import type { JobDto } from '../../domain/views/jobs.js';
import type { BackupEntry, RestoreReport } from '../../domain/views/backups.js';
import { ADMIN } from './spec.js';
import { method, type Namespace } from './spec.js';

export type { BackupEntry, RestoreReport };

/** The `backups.*` methods (系统管理 › 数据包 › 备份与恢复). */
export const backupsMethods = {
  'backups.list': method<BackupEntry[]>()({ input: z.object({}).strict(), roles: ADMIN, label: '查看备份', kind: 'read' }),
  /** A backup now into a new folder the admin names (a USB stick); jobs.backup makes one under DATA/backups/. */
  'backups.makeTo': method<JobDto>()({
    input: z.object({ to: z.string({ error: '请填写备份文件夹' }).trim().min(1, { error: '请填写备份文件夹' }).max(1000, { error: '路径过长' }) }).strict(),
    roles: ADMIN,
    label: '立即备份到指定文件夹',
    kind: 'job',
  }),
  /**
   * Restore: the job runs every check of `intake restore` while the desk is open; a backup that passes
   * is restored by the host, which closes the desk, restores and opens it again (everyone signs in again).
   */
  'backups.restore': method<JobDto>()({
    input: z
      .object({
        from: z.string({ error: '请选择或填写备份文件夹' }).trim().min(1, { error: '请选择或填写备份文件夹' }).max(1000, { error: '路径过长' }),
        recoveryKey: z
          .string()
          .trim()
          .transform((k) => k.toUpperCase())
          .pipe(z.string().regex(/^(AGE-SECRET-KEY-1[0-9A-Z]{58})?$/, { error: '恢复密钥格式不正确：以 AGE-SECRET-KEY-1 开头，共 74 个字符' }))
          .optional(),
      })
      .strict(),
    roles: ADMIN,
    label: '从备份恢复',
    kind: 'job',
  }),
  /** How the last restore from the UI ended, for the backup page after everyone signed in again. */
  'backups.lastRestore': method<RestoreReport | null>()({ input: z.object({}).strict(), roles: ADMIN, label: '查看上次恢复结果', kind: 'read' }),
} satisfies Namespace<'backups'>;
