/**
 * Long work as jobs: started by a call that returns at once, run on the writer's event loop in steps
 * (other calls are answered between them), watched with `jobs.status`, stopped with `jobs.cancel`.
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import type { JobDto } from '../domain/views/jobs.js';
import { ERROR_MESSAGES, IntakeError } from '../kernel/errors.js';

export interface JobControl {
  /** How far the job is: `done` of `total` (null while unknown), in `phase` where it names its steps. */
  progress(done: number, total: number | null, phase?: string): void;
  /** Set when cancel was asked for: a cancellable job checks it between steps and stops. */
  readonly signal: AbortSignal;
}

interface Job {
  dto: JobDto;
  abort: AbortController;
}

const registries = new WeakMap<CoreContext, Map<string, Job>>();
const KEEP = 20;

function registry(ctx: CoreContext): Map<string, Job> {
  let r = registries.get(ctx);
  if (!r) registries.set(ctx, (r = new Map()));
  return r;
}

/** Thrown by a job that saw its signal: it ends as 'cancelled', not 'failed'. */
export class JobCancelled extends Error {}

export function startJob(
  ctx: CoreContext,
  spec: { kind: string; startedBy: string; cancellable: boolean },
  run: (job: JobControl) => Promise<Record<string, unknown>>,
): JobDto {
  const all = registry(ctx);
  if ([...all.values()].some((j) => j.dto.kind === spec.kind && j.dto.state === 'running')) throw new IntakeError('JOB_BUSY');
  const abort = new AbortController();
  const dto: JobDto = {
    id: randomUUID(),
    kind: spec.kind,
    state: 'running',
    phase: null,
    done: 0,
    total: null,
    percent: 0,
    cancellable: spec.cancellable,
    cancelRequested: false,
    startedBy: spec.startedBy,
    startedAt: ctx.clock.now().toISOString(),
    finishedAt: null,
    result: null,
    error: null,
  };
  all.set(dto.id, { dto, abort });
  for (const old of [...all.keys()].slice(0, Math.max(0, all.size - KEEP))) if (all.get(old)!.dto.state !== 'running') all.delete(old);
  const control: JobControl = {
    progress(done, total, phase) {
      dto.done = done;
      dto.total = total;
      if (phase !== undefined) dto.phase = phase;
      dto.percent = total ? Math.min(99, Math.floor((done / total) * 100)) : dto.percent;
    },
    signal: abort.signal,
  };
  // After the starting call has returned (and committed): the job never runs inside its transaction.
  setImmediate(() => {
    run(control)
      .then((result) => {
        dto.result = result;
        dto.percent = 100;
        dto.state = 'done';
      })
      .catch((err: unknown) => {
        if (err instanceof JobCancelled) {
          dto.state = 'cancelled';
        } else if (err instanceof IntakeError) {
          dto.state = 'failed';
          dto.error = { code: err.code, message_zh: err.message_zh };
        } else {
          const incident = randomUUID().slice(0, 8);
          ctx.log.error({ incident, job: spec.kind, err: { name: (err as Error)?.name, stack: (err as Error)?.stack } }, 'job failed');
          dto.state = 'failed';
          dto.error = { code: 'INTERNAL', message_zh: `${ERROR_MESSAGES.INTERNAL.zh}（事件编号 ${incident}）`, incident };
        }
      })
      .finally(() => {
        dto.finishedAt = ctx.clock.now().toISOString();
      });
  });
  return { ...dto };
}

/** The running job of this kind, if any. */
export function runningJob(ctx: CoreContext, kind: string): JobDto | null {
  const job = [...registry(ctx).values()].find((j) => j.dto.kind === kind && j.dto.state === 'running');
  return job ? { ...job.dto } : null;
}

export function jobStatus(ctx: CoreContext, id: string): JobDto {
  const job = registry(ctx).get(id);
  if (!job) throw new IntakeError('JOB_UNKNOWN', { field: 'jobId' });
  return { ...job.dto };
}

export function cancelJob(ctx: CoreContext, id: string): JobDto {
  const job = registry(ctx).get(id);
  if (!job) throw new IntakeError('JOB_UNKNOWN', { field: 'jobId' });
  if (!job.dto.cancellable) throw new IntakeError('JOB_NOT_CANCELLABLE', { field: 'jobId' });
  if (job.dto.state === 'running') {
    job.dto.cancelRequested = true;
    job.abort.abort();
  }
  return { ...job.dto };
}

/** Lets the event loop answer other calls between a job's steps. */
export const yieldToCalls = (): Promise<void> => new Promise((r) => setImmediate(r));
