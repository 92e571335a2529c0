/**
 * Restoring a backup from 系统管理 › 备份: every check the CLI makes runs first, as a job, while the
 * desk is still open; only a backup that passes them all is handed to the core host, which closes every
 * connection, restores (store/restore.ts, through restore-backup.ts) and opens the desk again. The
 * reopened desk records the outcome in its audit trail and in the `lastRestore` setting.
 */
import path from 'node:path';
import type { CoreContext } from '../kernel/context.js';
import type { JobDto } from '../domain/views/jobs.js';
import type { RestoreReport } from '../domain/views/backups.js';
import { IntakeError, type ErrorCode } from '../kernel/errors.js';
import { BackupError, type BackupRefusal } from '../store/backup.js';
import { inspectBackup } from '../store/restore.js';
import { appendAudit } from '../store/audit.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { deskBackupIdentity, knownCenterKeys, localKeysOf, unlockBackup } from '../bundle/backup-seal.js';
import { startJob } from './jobs.js';

const REFUSALS: Record<BackupRefusal, ErrorCode> = {
  damaged: 'RESTORE_DAMAGED',
  incomplete: 'RESTORE_INCOMPLETE',
  foreign: 'RESTORE_FOREIGN',
  'no-key': 'RESTORE_NO_KEY',
  format: 'RESTORE_FORMAT',
  'too-new': 'RESTORE_TOO_NEW',
  'in-use': 'RESTORE_IN_USE',
  'not-found': 'RESTORE_NOT_FOUND',
};

/** A refused backup in the admin's words; the English reason stays in the error's detail (never personal). */
export function restoreRefusal(err: unknown): IntakeError | null {
  if (err instanceof IntakeError) return err;
  if (err instanceof BackupError) return new IntakeError(REFUSALS[err.refusal], { field: 'from', detail: err.message });
  return null;
}

export const RESTORE_JOB = 'backups.restore';

export function startRestore(ctx: CoreContext, by: string, input: { from: string; recoveryKey?: string }): JobDto {
  const host = ctx.host;
  if (!host) throw new IntakeError('RESTORE_NEEDS_HOST');
  if (!path.isAbsolute(input.from)) throw new IntakeError('RESTORE_NOT_FOUND', { field: 'from', message_zh: '请填写备份文件夹的完整路径（如 /media/u盘/信访备份-0601 或 E:\\信访备份）' });
  const from = path.resolve(input.from);
  const recoveryKey = input.recoveryKey?.trim().toUpperCase() || null;
  return startJob(ctx, { kind: RESTORE_JOB, startedBy: by, cancellable: false }, async (job) => {
    job.progress(0, 2, 'signature');
    const identities = [deskBackupIdentity(localKeysOf(ctx), ctx.dataDir), recoveryKey].filter((x): x is string => !!x);
    try {
      const unlock = await unlockBackup(from, knownCenterKeys(ctx.db), identities);
      job.progress(1, 2, 'check');
      const inspection = await inspectBackup(from, ctx.dataDir, { key: unlock.backupKey });
      job.progress(2, 2, 'restore');
      // Every check passed: from here the host owns the restore (and checks once more, closed).
      host.restore({ from, recoveryKey, by });
      return { from, createdAt: inspection.manifest.createdAt, schemaVersion: inspection.schemaVersion, restarting: true };
    } catch (err) {
      throw restoreRefusal(err) ?? err;
    }
  });
}

/** Recorded by the reopened desk (core/host/writer.ts): in its own audit trail, and for the backup page. */
export function recordRestore(ctx: CoreContext, report: RestoreReport): void {
  ctx.db.transaction(() => {
    appendAudit(ctx.db, {
      at: report.at,
      actor: report.by,
      action: RESTORE_JOB,
      target: report.keptAside ? `file:${path.basename(report.keptAside)}` : '',
      outcome: report.ok ? 'ok' : report.code ?? 'INTERNAL',
    });
    writeSetting(ctx.db, 'lastRestore', report);
  })();
}

export const lastRestore = (ctx: CoreContext): RestoreReport | null => readSetting(ctx.db, 'lastRestore');
