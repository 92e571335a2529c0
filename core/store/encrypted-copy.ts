import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CopyJob } from './encrypted-copy-worker.js';

/**
 * Copies a database into a new file encrypted under another key, in a thread of its own (see
 * encrypted-copy-worker.ts). Run from the .ts sources (tsx, vitest) the thread registers tsx first.
 */
export function encryptedCopy(job: CopyJob): Promise<void> {
  const here = import.meta.url;
  const worker = here.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./encrypted-copy-worker.ts', here).href)}); });`, {
        eval: true,
        workerData: job,
      })
    : new Worker(fileURLToPath(new URL('./encrypted-copy-worker.js', here)), { workerData: job });
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.once('message', (m: { ok: boolean; message?: string }) => {
      answered = true;
      void worker.terminate();
      if (m.ok) resolve();
      else reject(new Error(m.message));
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the copy thread stopped (exit ${code})`));
    });
  });
}
