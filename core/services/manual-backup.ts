/** A backup made on request (系统管理 › 备份), as a job: the same copy and checks as the daily one. */
import path from 'node:path';
import type { CoreContext } from '../kernel/context.js';
import type { JobDto } from '../domain/views/jobs.js';
import { backupDatabase } from '../store/backup.js';
import { BACKUPS_DIR } from './daily-backup.js';
import { JobCancelled, startJob } from './jobs.js';

export function startManualBackup(ctx: CoreContext, startedBy: string): JobDto {
  return startJob(ctx, { kind: 'jobs.backup', startedBy, cancellable: true }, async (job) => {
    const now = ctx.clock.now();
    const name = `manual-${now.toISOString().replace(/[:.]/g, '-')}`;
    const dir = path.join(ctx.dataDir, BACKUPS_DIR, name);
    job.progress(0, null, 'copy');
    if (job.signal.aborted) throw new JobCancelled();
    const r = await backupDatabase(ctx.db, ctx.dataDir, dir, { now, appVersion: ctx.version, pagesPerStep: 256, linkAttachments: true });
    return { dir, bytes: r.manifest.database.bytes, attachments: r.manifest.attachments.count, ms: Math.round(r.ms) };
  });
}
