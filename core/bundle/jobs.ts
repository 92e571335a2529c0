/**
 * Exports run for seconds to minutes, but the dispatcher runs every call synchronously inside one
 * transaction. So the UI starts an export as a job (`bundles.exportStart`, which only checks and
 * schedules) and polls it (`bundles.exportStatus`); the job itself runs on the event loop after the
 * call has returned, outside any transaction, and the desk keeps working meanwhile.
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import { ERROR_MESSAGES, IntakeError } from '../kernel/errors.js';
import { exportBundle, exportPreflight, type ExportOptions, type ExportPhase, type ExportResult } from './export.js';

export interface ExportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  phase: ExportPhase;
  /** 0..100 */
  percent: number;
  result: ExportResult | null;
  error: { code: string; message_zh: string; incident?: string } | null;
}

const jobs = new WeakMap<CoreContext, Map<string, ExportJob>>();
const KEEP = 20;

function jobsOf(ctx: CoreContext): Map<string, ExportJob> {
  let m = jobs.get(ctx);
  if (!m) jobs.set(ctx, (m = new Map()));
  return m;
}

/** Checks at once (so the caller gets the refusal), then runs the export after this call returns. */
export function startExportJob(ctx: CoreContext, opts: Omit<ExportOptions, 'onProgress'>): ExportJob {
  exportPreflight(ctx);
  if ([...jobsOf(ctx).values()].some((j) => j.state === 'running')) throw new IntakeError('EXPORT_BUSY');
  const job: ExportJob = { id: randomUUID(), state: 'running', phase: 'rows', percent: 0, result: null, error: null };
  const all = jobsOf(ctx);
  all.set(job.id, job);
  for (const old of [...all.keys()].slice(0, Math.max(0, all.size - KEEP))) all.delete(old);
  setImmediate(() => {
    exportBundle(ctx, {
      ...opts,
      onProgress: (p) => {
        job.phase = p.phase;
        job.percent = Math.floor(p.fraction * 100);
      },
    })
      .then((result) => {
        job.result = result;
        job.percent = 100;
        job.state = 'done';
      })
      .catch((err: unknown) => {
        job.state = 'failed';
        if (err instanceof IntakeError) {
          job.error = { code: err.code, message_zh: err.message_zh };
        } else {
          const incident = randomUUID().slice(0, 8);
          ctx.log.error({ incident, method: 'bundles.export', err: { name: (err as Error)?.name, stack: (err as Error)?.stack } }, 'export failed');
          job.error = { code: 'INTERNAL', message_zh: `${ERROR_MESSAGES.INTERNAL.zh}（事件编号 ${incident}）`, incident };
        }
      });
  });
  return { ...job };
}

export function exportJob(ctx: CoreContext, id: string): ExportJob {
  const job = jobsOf(ctx).get(id);
  if (!job) throw new IntakeError('EXPORT_JOB_UNKNOWN', { field: 'jobId' });
  return { ...job };
}
