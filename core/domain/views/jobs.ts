/** A long operation the core runs after the call that started it has returned (core/services/jobs.ts). */
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobDto {
  id: string;
  /** What it does: the contract method that starts it ('jobs.backup', 'jobs.exportBundle', …). */
  kind: string;
  state: JobState;
  /** The step it is in, where the job names its steps (an export: rows, files, encrypt, write). */
  phase: string | null;
  done: number;
  /** null while the job does not know yet how much there is. */
  total: number | null;
  /** 0..100 */
  percent: number;
  cancellable: boolean;
  /** Cancel was asked for; the job stops at its next step (state becomes 'cancelled'), or had already finished. */
  cancelRequested: boolean;
  /** Who started it (the audit trail's actor name). */
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** What a finished job produced (plain JSON; its shape depends on the kind). */
  result: Record<string, unknown> | null;
  error: { code: string; message_zh: string; incident?: string } | null;
}
