// The generic job runner (core/services/jobs.ts) with a job of the test's own making: progress seen while
// it runs, a cancel in the middle, the final state and result, a failure, and only the last 20 kept.
import { describe, expect, it } from 'vitest';
import { cancelJob, JobCancelled, jobStatus, startJob, yieldToCalls, type JobControl } from '../../../core/services/jobs.js';
import { IntakeError } from '../../../core/kernel/errors.js';
import type { JobDto } from '../../../core/domain/views/jobs.js';
import { testCore } from '../../helpers/core.js';

/** A job of `steps` steps that waits for the test's go before each one. */
function stepped(steps: number) {
  const gates: (() => void)[] = [];
  const go = () => gates.shift()?.();
  const run = async (job: JobControl) => {
    for (let i = 0; i < steps; i++) {
      await new Promise<void>((r) => gates.push(r));
      if (job.signal.aborted) throw new JobCancelled();
      job.progress(i + 1, steps, i < steps / 2 ? 'first half' : 'second half');
      await yieldToCalls();
    }
    return { steps };
  };
  return { run, go, waiting: () => gates.length };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}

describe('job runner', () => {
  it('reports progress while it runs, then done with its result', async () => {
    const { ctx } = testCore();
    const job = stepped(4);
    const started = startJob(ctx, { kind: 'test.stepped', startedBy: 'admin', cancellable: true }, job.run);
    expect(started).toMatchObject({ state: 'running', done: 0, total: null, percent: 0, startedBy: 'admin', finishedAt: null });
    expect(() => startJob(ctx, { kind: 'test.stepped', startedBy: 'admin', cancellable: true }, job.run)).toThrow(IntakeError);

    const seen: Pick<JobDto, 'done' | 'percent' | 'phase' | 'state'>[] = [];
    for (let step = 0; step < 4; step++) {
      await until(() => job.waiting() === 1);
      job.go();
      await until(() => jobStatus(ctx, started.id).done === step + 1);
      const s = jobStatus(ctx, started.id);
      seen.push({ done: s.done, percent: s.percent, phase: s.phase, state: s.state });
    }
    expect(seen.slice(0, 3)).toEqual([
      { done: 1, percent: 25, phase: 'first half', state: 'running' },
      { done: 2, percent: 50, phase: 'first half', state: 'running' },
      { done: 3, percent: 75, phase: 'second half', state: 'running' },
    ]);
    await until(() => jobStatus(ctx, started.id).state !== 'running');
    expect(jobStatus(ctx, started.id)).toMatchObject({ state: 'done', done: 4, total: 4, percent: 100, result: { steps: 4 }, error: null });
    expect(jobStatus(ctx, started.id).finishedAt).not.toBeNull();
  });

  it('stops a running job at its next step on cancel, as cancelled and without a result', async () => {
    const { ctx } = testCore();
    const job = stepped(10);
    const started = startJob(ctx, { kind: 'test.stepped', startedBy: 'admin', cancellable: true }, job.run);
    await until(() => job.waiting() === 1);
    job.go();
    await until(() => jobStatus(ctx, started.id).done === 1);
    expect(cancelJob(ctx, started.id)).toMatchObject({ state: 'running', cancelRequested: true });
    await until(() => job.waiting() === 1);
    job.go();
    await until(() => jobStatus(ctx, started.id).state !== 'running');
    expect(jobStatus(ctx, started.id)).toMatchObject({ state: 'cancelled', done: 1, total: 10, result: null, error: null, cancelRequested: true });
    // A cancelled job frees its kind: the same work can start again.
    expect(startJob(ctx, { kind: 'test.stepped', startedBy: 'admin', cancellable: true }, async () => ({})).state).toBe('running');
  });

  it('ends a job that throws as failed with a coded error, and refuses a cancel of a job that cannot be cancelled', async () => {
    const { ctx } = testCore();
    const failing = startJob(ctx, { kind: 'test.failing', startedBy: 'admin', cancellable: false }, async () => {
      throw new IntakeError('JOB_BUSY');
    });
    expect(() => cancelJob(ctx, failing.id)).toThrow(expect.objectContaining({ code: 'JOB_NOT_CANCELLABLE' }));
    await until(() => jobStatus(ctx, failing.id).state !== 'running');
    expect(jobStatus(ctx, failing.id)).toMatchObject({ state: 'failed', result: null, error: { code: 'JOB_BUSY' } });
  });

  it('keeps the last 20 finished jobs', async () => {
    const { ctx } = testCore();
    const ids = Array.from({ length: 25 }, (_, i) => startJob(ctx, { kind: `test.k${i}`, startedBy: 'admin', cancellable: false }, async () => ({ i })).id);
    await until(() => ids.every((id) => jobStatus(ctx, id).state === 'done'));
    const last = startJob(ctx, { kind: 'test.last', startedBy: 'admin', cancellable: false }, async () => ({}));
    const kept = [...ids, last.id].filter((id) => {
      try {
        jobStatus(ctx, id);
        return true;
      } catch {
        return false;
      }
    });
    expect(kept).toEqual([...ids.slice(6), last.id]);
  });
});
