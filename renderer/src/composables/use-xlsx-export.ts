/**
 * Excel export: the core builds the workbook (exceljs) as a job; this polls for it and hands the file
 * to the browser's download (in Electron the same download asks where to save it).
 */
import { ref } from 'vue';
import type { Input } from '../../../core/api/contract';
import { call } from '../api';

export function downloadBase64(fileName: string, base64: string, mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useXlsxExport() {
  const busy = ref(false);
  const error = ref('');
  async function run(input: Input<'stats.exportXlsx'>): Promise<string | null> {
    busy.value = true;
    error.value = '';
    try {
      const job = await call('stats.exportXlsx', input);
      if (!job.ok) {
        error.value = job.message_zh;
        return null;
      }
      for (let i = 0; i < 600; i++) {
        const f = await call('stats.exportFile', { jobId: job.value.id });
        if (!f.ok) {
          error.value = f.message_zh;
          return null;
        }
        if (f.value.state === 'done' && f.value.base64 && f.value.fileName) {
          downloadBase64(f.value.fileName, f.value.base64);
          return f.value.fileName;
        }
        if (f.value.state !== 'running') {
          error.value = f.value.error ?? '导出失败';
          return null;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      error.value = '导出超时';
      return null;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
