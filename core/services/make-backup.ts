/** One way to make a backup (daily, on request, from the command line): sealed and signed (bundle/backup-seal.ts). */
import path from 'node:path';
import type { CoreContext } from '../kernel/context.js';
import { backupSealing } from '../bundle/backup-seal.js';
import { backupDatabase, type BackupResult } from '../store/backup.js';
import { DB_FILE } from '../store/data-dir.js';

export async function makeBackup(ctx: CoreContext, outDir: string, opts: { linkAttachments: boolean }): Promise<BackupResult> {
  const now = ctx.clock.now();
  return backupDatabase(path.join(ctx.dataDir, DB_FILE), ctx.databaseKey ?? null, ctx.dataDir, outDir, {
    now,
    appVersion: ctx.version,
    linkAttachments: opts.linkAttachments,
    sealing: await backupSealing(ctx),
  });
}
