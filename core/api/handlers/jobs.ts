import type { HandlersOf } from '../handler.js';
import { cancelJob, jobStatus } from '../../services/jobs.js';
import { startManualBackup } from '../../services/manual-backup.js';
import { startRefold } from '../../services/matter-status.js';

export const jobsHandlers: HandlersOf<'jobs'> = {
  'jobs.status': (ctx, input) => jobStatus(ctx, input.jobId),
  'jobs.cancel': (ctx, input) => cancelJob(ctx, input.jobId),
  'jobs.backup': (ctx, input, session) => startManualBackup(ctx, session.user, input.folder),
  'jobs.refold': (ctx, _input, session) => startRefold(ctx, session.user),
};
