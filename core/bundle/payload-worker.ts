/**
 * The second core's share of the county's pass over a bundle (open-payload.ts). The check needs
 * four passes over every byte — the file's SHA-256, the ciphertext's, the decryption, each payload
 * entry's SHA-256 — plus writing the plaintext; the machine has two cores. This thread keeps the
 * read, the file's SHA-256 and the decryption; the worker takes the ciphertext's SHA-256, writes the
 * plaintext file and hashes each entry's bytes, the ranges the caller's EntryHasher framed. The two
 * halves cost about the same.
 *
 * One worker for the process, started on first use; it keeps the process alive only while a job is
 * open (a CLI awaiting its digests must not exit under it, an idle worker must not hold the process).
 * Jobs have ids, so checks may overlap. Buffers are transferred, not copied: the caller hands over
 * memory it is done with. The worker opens the plaintext file itself (by path, created private), so
 * no file descriptor is shared: a job dropped early cannot write into a file that reused its number.
 * The worker's code is a string (eval), so nothing depends on where a bundler puts a file.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const jobs = new Map();
function close(job) {
  if (job.fd !== null) fs.closeSync(job.fd);
  job.fd = null;
}
function write(fd, bytes, from, to, position) {
  for (let w = from; w < to; ) w += fs.writeSync(fd, bytes, w, to - w, position + w - from);
}
// Writes bytes (at position at) except where an unkept entry lies: that stays a hole of the file.
function keep(job, bytes, at) {
  const end = at + bytes.length;
  let cur = at;
  while (cur < end) {
    while (job.skips.length && job.skips[0][1] <= cur) job.skips.shift();
    const skip = job.skips[0];
    if (skip && skip[0] <= cur) {
      cur = Math.min(skip[1], end);
      continue;
    }
    const stop = skip ? Math.min(skip[0], end) : end;
    write(job.fd, bytes, cur - at, stop - at, cur);
    cur = stop;
  }
  job.size = end;
}
// The ranges are entries' bytes in the plaintext, in order and apart; each buffer lies at position at.
function plain(job, m) {
  for (const [offset, size, unkept] of m.ranges) {
    job.ranges.push({ offset, size, hash: createHash('sha256') });
    if (unkept && size > 0) job.skips.push([offset, offset + size]);
  }
  let at = m.at;
  for (let i = 0; i < m.bufs.length; i++) {
    const bytes = new Uint8Array(m.bufs[i], 0, m.lens[i]);
    keep(job, bytes, at);
    const end = at + bytes.length;
    while (job.ranges.length) {
      const r = job.ranges[0];
      const stop = r.offset + r.size;
      if (r.offset > end || (r.offset === end && r.size > 0)) break;
      const from = Math.max(r.offset, at);
      if (Math.min(stop, end) > from) r.hash.update(bytes.subarray(from - at, Math.min(stop, end) - at));
      if (stop > end) break;
      job.entries.push([r.offset + ':' + r.size, r.hash.digest('hex')]);
      job.ranges.shift();
    }
    at = end;
  }
}
parentPort.on('message', (m) => {
  const job = jobs.get(m.id);
  try {
    if (m.op === 'start') {
      jobs.set(m.id, { fd: null, cipher: createHash('sha256'), ranges: [], skips: [], size: 0, entries: [] });
      jobs.get(m.id).fd = fs.openSync(m.plainFile, 'wx', 0o600);
    } else if (!job) return;
    else if (m.op === 'cipher') {
      job.cipher.update(new Uint8Array(m.buf, 0, m.length));
      parentPort.postMessage({ id: m.id, op: 'ack' });
    } else if (m.op === 'plain') {
      plain(job, m);
      parentPort.postMessage({ id: m.id, op: 'ack' });
    } else if (m.op === 'end') {
      jobs.delete(m.id);
      fs.ftruncateSync(job.fd, job.size); // a hole at the very end is not written otherwise
      close(job);
      parentPort.postMessage({ id: m.id, op: 'done', cipherSha: job.cipher.digest('hex'), entries: job.entries });
    } else if (m.op === 'drop') {
      jobs.delete(m.id);
      close(job);
    }
  } catch (err) {
    const failed = jobs.get(m.id);
    jobs.delete(m.id);
    try {
      if (failed) close(failed);
    } catch {}
    parentPort.postMessage({ id: m.id, op: 'error', message: String((err && err.message) || err) });
  }
});
`;

/** Messages a job may have unanswered before it waits: bounds the memory a slow worker can hold. */
const IN_FLIGHT = 16;

export interface PayloadDigests {
  /** SHA-256 (hex) of the ciphertext. */
  cipherSha: string;
  /** SHA-256 (hex) of each entry whose bytes all arrived, by `${offset}:${size}` in the plaintext. */
  entries: Map<string, string>;
}

interface Job {
  onAck(): void;
  onDone(d: PayloadDigests): void;
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

function payloadWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.unref();
  w.on('message', (m: { id: number; op: string; cipherSha?: string; entries?: [string, string][]; message?: string }) => {
    const job = jobs.get(m.id);
    if (!job) return;
    if (m.op === 'ack') job.onAck();
    else if (m.op === 'done') job.onDone({ cipherSha: m.cipherSha!, entries: new Map(m.entries) });
    else job.onError(new Error(`payload worker: ${m.message}`));
  });
  w.on('error', (err) => failAll(err));
  w.on('exit', (code) => failAll(new Error(`payload worker exited (${code})`)));
  worker = w;
  return w;
}

/** Its own ArrayBuffer from byte 0, so it can be transferred (a pooled or shared one is copied out). */
function transferable(b: Buffer): Buffer {
  if (b.byteOffset === 0 && b.buffer.byteLength === b.length && !(b.buffer instanceof SharedArrayBuffer)) return b;
  const own = Buffer.allocUnsafeSlow(b.length);
  b.copy(own);
  return own;
}

/**
 * One check's job on the worker: the ciphertext's SHA-256, and the plaintext written to plainFile
 * (which the worker creates, private) with each framed entry hashed. Every buffer passed in is
 * transferred: its memory is gone from this thread after the call.
 */
export class PayloadJob {
  private readonly id = nextId++;
  private readonly w: Worker;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private result: { resolve(d: PayloadDigests): void; reject(e: Error): void } | null = null;
  private ended = false;

  constructor(plainFile: string) {
    this.w = payloadWorker();
    openJob(this.id, {
      onAck: () => {
        this.inFlight--;
        this.wake?.();
        this.wake = null;
      },
      onDone: (d) => {
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
    this.w.postMessage({ op: 'start', id: this.id, plainFile });
  }

  private async send(message: Record<string, unknown>, transfer: ArrayBuffer[]): Promise<void> {
    if (this.ended) throw new Error('the payload job has ended');
    while (this.inFlight >= IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.w.postMessage({ ...message, id: this.id }, transfer);
  }

  /** Ciphertext, in order. */
  cipher(chunk: Buffer): Promise<void> {
    const b = transferable(chunk);
    return this.send({ op: 'cipher', buf: b.buffer, length: b.length }, [b.buffer as ArrayBuffer]);
  }

  /**
   * Plaintext that lies at position `at`, in order, with the entries framed in it: offset, size, and
   * 1 when the entry's bytes are only to be hashed, not written (the file keeps a hole there).
   */
  plain(chunks: Buffer[], at: number, ranges: [number, number, 0 | 1][]): Promise<void> {
    const bufs = chunks.map(transferable);
    return this.send({ op: 'plain', at, ranges, bufs: bufs.map((b) => b.buffer), lens: bufs.map((b) => b.length) }, bufs.map((b) => b.buffer as ArrayBuffer));
  }

  /** Ends the job once the worker has written and hashed everything (the plaintext file is closed). */
  finish(): Promise<PayloadDigests> {
    if (this.ended) throw new Error('the payload job has ended');
    this.ended = true;
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<PayloadDigests>((resolve, reject) => {
      this.result = { resolve, reject };
      this.w.postMessage({ op: 'end', id: this.id });
    });
  }

  /** Drops the job (the check stopped early); the worker closes the plaintext file. */
  abandon(): void {
    if (this.ended) return;
    this.ended = true;
    closeJob(this.id);
    this.w.postMessage({ op: 'drop', id: this.id });
  }
}
