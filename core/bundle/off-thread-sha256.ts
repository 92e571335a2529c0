/**
 * SHA-256 on another thread, so the county's check can hash a bundle's ciphertext while it decrypts
 * it: the check needs four passes over every byte (the file's SHA-256, the ciphertext's, the
 * decryption, each entry's SHA-256) and the machine has two cores.
 *
 * One worker for the process, started on first use; it keeps the process alive only while a job is
 * open (a CLI awaiting its digests must not exit under it, an idle worker must not hold the process).
 * Each Sha256Streams is a job on it with its own id, so checks may overlap. Chunks are transferred,
 * not copied: the caller hands over a buffer it is done with. The worker's code is a string (eval),
 * so nothing depends on where a bundler puts a file.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.op === 'start') jobs.set(m.id, Array.from({ length: m.count }, () => createHash('sha256')));
    else if (m.op === 'data') {
      const hashes = jobs.get(m.id);
      const bytes = new Uint8Array(m.buf, 0, m.length);
      for (let i = 0; i < hashes.length; i++) if (m.mask & (1 << i)) hashes[i].update(bytes);
      parentPort.postMessage({ id: m.id, op: 'ack' });
    } else if (m.op === 'end') {
      const hashes = jobs.get(m.id);
      jobs.delete(m.id);
      parentPort.postMessage({ id: m.id, op: 'digests', digests: hashes.map((h) => h.digest('hex')) });
    } else if (m.op === 'drop') jobs.delete(m.id);
  } catch (err) {
    parentPort.postMessage({ id: m.id, op: 'error', message: String(err && err.message || err) });
  }
});
`;

/** Chunks a job may have in flight before update() waits: bounds the memory a slow worker can hold. */
const IN_FLIGHT = 8;

interface Job {
  onAck(): void;
  onDigests(digests: string[]): void;
  onError(err: Error): void;
}

let worker: Worker | null = null;
const jobs = new Map<number, Job>();
let nextId = 1;

function failAll(err: Error): void {
  worker = null;
  for (const job of jobs.values()) job.onError(err);
  jobs.clear();
}

function openJob(id: number, job: Job): void {
  if (jobs.size === 0) worker?.ref();
  jobs.set(id, job);
}

function closeJob(id: number): void {
  if (jobs.delete(id) && jobs.size === 0) worker?.unref();
}

function hashWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.unref();
  w.on('message', (m: { id: number; op: string; digests?: string[]; message?: string }) => {
    const job = jobs.get(m.id);
    if (!job) return;
    if (m.op === 'ack') job.onAck();
    else if (m.op === 'digests') job.onDigests(m.digests!);
    else job.onError(new Error(`SHA-256 worker: ${m.message}`));
  });
  w.on('error', (err) => failAll(err));
  w.on('exit', (code) => failAll(new Error(`SHA-256 worker exited (${code})`)));
  worker = w;
  return w;
}

/** Starts the worker ahead of the first job (its start-up then overlaps other work). */
export function warmSha256Worker(): void {
  hashWorker();
}

/**
 * `count` SHA-256 streams computed on the worker. update(chunk, mask) feeds the chunk to every stream
 * whose bit is set in mask and takes the chunk's memory away (it is transferred); digests() ends the job.
 */
export class Sha256Streams {
  private readonly id = nextId++;
  private readonly w: Worker;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private result: { resolve(d: string[]): void; reject(e: Error): void } | null = null;
  private ended = false;

  constructor(count: number) {
    if (count < 1 || count > 31) throw new RangeError('1 to 31 streams');
    this.w = hashWorker();
    openJob(this.id, {
      onAck: () => {
        this.inFlight--;
        this.wake?.();
        this.wake = null;
      },
      onDigests: (d) => {
        closeJob(this.id);
        this.result?.resolve(d);
      },
      onError: (e) => {
        closeJob(this.id);
        this.failure = e;
        this.wake?.();
        this.wake = null;
        this.result?.reject(e);
      },
    });
    this.w.postMessage({ op: 'start', id: this.id, count });
  }

  /**
   * Hands `chunk` to the worker. The chunk must be the whole of its ArrayBuffer's use to the caller
   * (Buffer.allocUnsafeSlow, never a pooled or shared one): after this call its memory is detached.
   */
  async update(chunk: Buffer, mask: number): Promise<void> {
    if (this.ended) throw new Error('the SHA-256 job has ended');
    while (this.inFlight >= IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
    if (chunk.byteOffset !== 0 || chunk.buffer instanceof SharedArrayBuffer) throw new Error('a chunk must own its ArrayBuffer from byte 0');
    this.inFlight++;
    const buf = chunk.buffer as ArrayBuffer;
    this.w.postMessage({ op: 'data', id: this.id, buf, length: chunk.length, mask }, [buf]);
  }

  /** The hex digests, in stream order. */
  digests(): Promise<string[]> {
    if (this.ended) throw new Error('the SHA-256 job has ended');
    this.ended = true;
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<string[]>((resolve, reject) => {
      this.result = { resolve, reject };
      this.w.postMessage({ op: 'end', id: this.id });
    });
  }

  /** Drops the job without digests (the check stopped early). */
  abandon(): void {
    if (this.ended) return;
    this.ended = true;
    closeJob(this.id);
    this.w.postMessage({ op: 'drop', id: this.id });
  }
}
