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

/**
 * A backup now into a folder the admin chose (a USB stick, a share): `outDir` must be an absolute path
 * that does not exist yet, in a folder that does, and not inside the data folder (except its
 * backups/) — the CLI's rule. The same copy and checks as `intake backup`, with the attachments copied
 * (not linked: the target is usually another disk).
 */
export function startBackupTo(ctx: CoreContext, startedBy: string, outDir: string): JobDto {
  const out = path.resolve(outDir);
  const data = path.resolve(ctx.dataDir);
  const refuse = (message_zh: string, detail: string) => new IntakeError('INVALID_INPUT', { field: 'to', message_zh, detail });
  if (!path.isAbsolute(outDir)) throw refuse('请填写完整的文件夹路径（如 /media/u盘/信访备份-0601 或 E:\\信访备份）', 'not absolute');
  if (out === data || (out.startsWith(data + path.sep) && !out.startsWith(path.join(data, BACKUPS_DIR) + path.sep))) {
    throw refuse('备份不能放在数据文件夹里（数据文件夹的 backups 目录除外），请选择其他位置', 'inside the data folder');
  }
  if (fs.existsSync(out)) throw refuse('该文件夹已存在：请填写一个新的文件夹名称，备份会新建它', 'exists');
  if (!fs.existsSync(path.dirname(out)) || !fs.statSync(path.dirname(out)).isDirectory()) throw refuse('上级文件夹不存在，请先插入U盘或检查路径', 'no parent');
  return startJob(ctx, { kind: 'jobs.backup', startedBy, cancellable: true }, async (job) => {
    job.progress(0, null, 'copy');
    if (job.signal.aborted) throw new JobCancelled();
    const r = await makeBackup(ctx, out, { linkAttachments: false }); // sealed attachments: the target leaves the data folder
    return { dir: out, bytes: r.manifest.database.bytes, attachments: r.manifest.attachments.count, ms: Math.round(r.ms) };
  });
}
