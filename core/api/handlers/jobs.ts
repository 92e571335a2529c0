import type { HandlersOf } from '../handler.js';
import { IntakeError } from '../../kernel/errors.js';
import { cancelJob, jobStatus } from '../../services/jobs.js';
import { startManualBackup } from '../../services/manual-backup.js';
import { startRefold } from '../../services/matter-status.js';

export const jobsHandlers: HandlersOf<'jobs'> = {
  'jobs.status': (ctx, input, session) => {
    const job = jobStatus(ctx, input.jobId);
    // Another user's job is not there for anyone but the admin (its result may be their export).
    if (session.role !== 'admin' && job.startedBy !== session.user) throw new IntakeError('JOB_UNKNOWN', { field: 'jobId' });
    return job;
  },
  'jobs.cancel': (ctx, input) => cancelJob(ctx, input.jobId),
  'jobs.backup': (ctx, input, session) => startManualBackup(ctx, session.user, input.folder),
  'jobs.refold': (ctx, _input, session) => startRefold(ctx, session.user),
};
