/** A backup made on request (系统管理 › 备份), as a job: the same copy and checks as the daily one. */
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../kernel/context.js';
import type { JobDto } from '../domain/views/jobs.js';
import { IntakeError } from '../kernel/errors.js';
import { makeBackup } from './make-backup.js';
import { BACKUPS_DIR } from './daily-backup.js';
import { JobCancelled, startJob } from './jobs.js';

/** `folder`: a new folder's name under DATA/backups/ (the contract allows a plain name only); default manual-<time>. */
export function startManualBackup(ctx: CoreContext, startedBy: string, folder?: string): JobDto {
  const root = path.join(ctx.dataDir, BACKUPS_DIR);
  if (folder !== undefined && fs.existsSync(path.join(root, folder))) throw new IntakeError('INVALID_INPUT', { field: 'folder', message_zh: '已有同名的备份文件夹，请换一个名称', detail: 'the backup folder exists' });
  return startJob(ctx, { kind: 'jobs.backup', startedBy, cancellable: true }, async (job) => {
    const now = ctx.clock.now();
    const name = folder ?? `manual-${now.toISOString().replace(/[:.]/g, '-')}`;
    const dir = path.join(root, name);
    job.progress(0, null, 'copy');
    if (job.signal.aborted) throw new JobCancelled();
    const r = await makeBackup(ctx, dir, { linkAttachments: true });
    return { dir, bytes: r.manifest.database.bytes, attachments: r.manifest.attachments.count, ms: Math.round(r.ms) };
  });
}
