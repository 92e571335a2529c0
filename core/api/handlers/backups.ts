import type { HandlersOf } from '../handler.js';
import { listBackups } from '../../services/daily-backup.js';
import { startBackupTo } from '../../services/manual-backup.js';
import { lastRestore, startRestore } from '../../services/restore-from-desk.js';

export const backupsHandlers: HandlersOf<'backups'> = {
  'backups.list': (ctx) => listBackups(ctx),
  'backups.makeTo': (ctx, input, session) => startBackupTo(ctx, session.user, input.to),
  'backups.restore': (ctx, input, session) => startRestore(ctx, session.user, input),
  'backups.lastRestore': (ctx) => lastRestore(ctx),
};
