/** The 信访事项 list's export: started as a job in the core, followed until done, then saved as an xlsx. */
import type { Input, JobDto } from '../../../../core/api/contract';
import { call } from '../../api';

export type ExportOutcome = { ok: true; rows: number; fileName: string } | { ok: false; message: string };

/** The list as it stands (`matters.export`), or the same matters in the national record's columns (`matters.exportNational`). */
export async function exportMatters(filters: Input<'matters.export'>, method: 'matters.export' | 'matters.exportNational' = 'matters.export'): Promise<ExportOutcome> {
  const started = await call(method, filters);
  if (!started.ok) return { ok: false, message: started.message_zh };
  let job: JobDto = started.value;
  for (let i = 0; job.state === 'running' && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const s = await call('jobs.status', { jobId: job.id });
    if (!s.ok) return { ok: false, message: s.message_zh };
    job = s.value;
  }
  if (job.state !== 'done' || !job.result) return { ok: false, message: job.error?.message_zh ?? '导出未完成' };
  const { fileName, base64, rows } = job.result as { fileName: string; base64: string; rows: number };
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, rows, fileName };
}
