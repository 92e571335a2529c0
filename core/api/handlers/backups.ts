import type { HandlersOf } from '../handler.js';
import { listBackups } from '../../services/daily-backup.js';
import { startBackupTo } from '../../services/manual-backup.js';

export const backupsHandlers: HandlersOf<'backups'> = {
  'backups.list': (ctx) => listBackups(ctx),
  'backups.makeTo': (ctx, input, session) => startBackupTo(ctx, session.user, input.to),
};
