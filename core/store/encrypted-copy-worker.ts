/**
 * Entry of the thread that copies the live database for a backup: a read-only connection of its own
 * (WAL: the desk keeps writing meanwhile), VACUUM INTO a new file — which comes out under the source's
 * key — then that file re-encrypted under the backup's own key. Nothing here blocks the desk's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { changeKey, openSqlite } from './sqlite.js';

export interface CopyJob {
  source: string;
  target: string;
  /** Hex; null for a plain source. */
  sourceKey: string | null;
  targetKey: string;
}

const job = workerData as CopyJob;
try {
  const sourceKey = job.sourceKey ? Buffer.from(job.sourceKey, 'hex') : null;
  const src = openSqlite(job.source, { readonly: true, fileMustExist: true, key: sourceKey });
  try {
    src.prepare('VACUUM INTO ?').run(job.target);
  } finally {
    src.close();
  }
  const copy = openSqlite(job.target, { fileMustExist: true, key: sourceKey });
  try {
    copy.pragma('journal_mode = DELETE');
    changeKey(copy, Buffer.from(job.targetKey, 'hex'));
  } finally {
    copy.close();
  }
  parentPort!.postMessage({ ok: true });
} catch (err) {
  parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
