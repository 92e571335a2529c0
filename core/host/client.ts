/**
 * The shells' one way into the core: an async `call` that routes each method to the host's threads.
 * One writer (all writes, sessions, jobs) and a pool of readers (read-only connections): a method
 * the contract marks 'read' runs on the least busy reader, so a year's report never delays the
 * keystroke search; everything else runs on the writer, in order.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { contract } from '../api/contract/index.js';
import { isMethodName } from '../api/dispatch.js';
import type { CallResult } from '../api/contract/index.js';
import { ERROR_MESSAGES } from '../kernel/errors.js';
import type { HostMessage, HostOptions, ReaderRequest, WorkerData, WriterRequest } from './protocol.js';
import type { Session } from '../kernel/session.js';
import type { RestoreRequest } from '../kernel/context.js';
import { runRestore } from './restorer.js';

export interface CoreClient {
  call(token: string | null | undefined, method: string, input: unknown): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

type Pending = (m: HostMessage) => void;

/**
 * Compiled, the entry sits beside this file as .js. Run from the .ts sources (tsx, vitest), the worker
 * first registers tsx's loader — a worker does not inherit the parent's `--import` hooks.
 */
function spawnWorker(data: WorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(fileURLToPath(new URL('./worker-entry.js', here)), { workerData: data });
  const entry = new URL('./worker-entry.ts', here).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

class Link<Req extends { type: string }> {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  busy = 0;
  readonly worker: Worker;
  readonly ready: Promise<HostMessage & { type: 'ready' }>;

  constructor(data: WorkerData, onOther: (m: HostMessage) => void) {
    this.worker = spawnWorker(data);
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: HostMessage) => {
        if (m.type === 'ready') return resolve(m);
        if (m.type === 'fatal') return reject(new Error(m.message));
        if ('id' in m) {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          this.busy -= 1;
          p?.(m);
        } else onOther(m);
      });
      this.worker.on('error', (err) => {
        reject(err);
        this.failAll();
      });
      this.worker.on('exit', () => this.failAll());
    });
  }

  /** The thread has exited or failed: every call to it is answered with a failure at once. */
  dead = false;

  request<M extends HostMessage>(build: (id: number) => Req): Promise<M> {
    const id = this.next++;
    if (this.dead) return Promise.resolve({ type: 'result', id, result: { ok: false, code: 'INTERNAL', message_zh: ERROR_MESSAGES.INTERNAL.zh } } as M);
    this.busy += 1;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => resolve(m as M));
      this.worker.postMessage(build(id));
    });
  }

  send(msg: Req): void {
    if (!this.dead) this.worker.postMessage(msg);
  }

  /** A thread that died answers every waiting call with a failure, never with silence. */
  private failAll(): void {
    this.dead = true;
    for (const [id, p] of this.pending) p({ type: 'result', id, result: { ok: false, code: 'INTERNAL', message_zh: ERROR_MESSAGES.INTERNAL.zh } });
    this.pending.clear();
    this.busy = 0;
  }
}

interface Threads {
  writer: Link<WriterRequest>;
  readers: Link<ReaderRequest>[];
}

/** The writer first (it opens, migrates and finds the keys), then the readers with what it found. */
async function openThreads(options: HostOptions, onOther: (m: HostMessage) => void): Promise<Threads> {
  const writer = new Link<WriterRequest>({ role: 'writer', options }, onOther);
  let databaseKey: string | null | undefined;
  let receiptKey: string | null | undefined;
  try {
    ({ databaseKey, receiptKey } = await writer.ready);
  } catch (err) {
    await writer.worker.terminate();
    throw err;
  }
  const readerOptions: HostOptions = { ...options, databaseKey, receiptKey };
  const readers = Array.from({ length: options.readers ?? 2 }, () => new Link<ReaderRequest>({ role: 'reader', options: readerOptions }, onOther));
  try {
    await Promise.all(readers.map((r) => r.ready));
  } catch (err) {
    await Promise.all([writer, ...readers].map((l) => l.worker.terminate()));
    throw err;
  }
  return { writer, readers };
}

async function closeThreads({ writer, readers }: Threads): Promise<void> {
  await Promise.all(readers.map((r) => r.request((id) => ({ type: 'close', id }))));
  await writer.request((id) => ({ type: 'close', id }));
  await Promise.all([writer, ...readers].map((l) => l.worker.terminate()));
}

/** Starts the writer (which opens and migrates the database), then the readers. */
export async function startWorkerCore(options: HostOptions, hooks: { onSecret?: (name: string, secret: string | null) => void } = {}): Promise<CoreClient> {
  // Secrets the shell keeps change while the host runs (a key made, rotated): threads started later get the current ones.
  const secrets = options.secrets ? { ...options.secrets } : undefined;
  const onSecret = (name: string, secret: string | null) => {
    if (secrets) {
      if (secret === null) delete secrets[name];
      else secrets[name] = secret;
    }
    hooks.onSecret?.(name, secret);
  };
  const onOther = (m: HostMessage) => {
    if (m.type === 'secret') onSecret(m.name, m.secret);
    else if (m.type === 'restore') void restoreAndReopen(m.request);
  };
  let threads: Threads | null = await openThreads(options, onOther);
  /** While the desk is closed for a restore, every call waits here, then goes to the desk that opened. */
  let closedFor: Promise<void> | null = null;

  async function restoreAndReopen(request: RestoreRequest): Promise<void> {
    let reopened!: () => void;
    closedFor = new Promise((resolve) => (reopened = resolve));
    sessions.clear();
    try {
      if (threads) await closeThreads(threads);
      threads = null;
      const now = { ...options, secrets };
      const report = await runRestore(now, request, onSecret);
      threads = await openThreads({ ...now, restored: report }, onOther);
    } catch {
      // The desk could not open again: every call is answered with a failure (the database kept aside is untouched).
      threads = null;
    } finally {
      closedFor = null;
      reopened();
    }
  }

  /**
   * Sessions the writer resolved within the last second, so a burst of keystroke searches asks the
   * writer once, not once per keystroke. Any call that is not a read may change sessions (sign-in,
   * lock, logout, a password or role changed), so it empties the cache; the idle lock is at most a
   * second late.
   */
  const SESSION_TTL_MS = 1000;
  const sessions = new Map<string, { session: Session; until: number }>();

  const onReader = (method: string): boolean =>
    !!threads?.readers.some((r) => !r.dead) && isMethodName(method) && contract[method].kind === 'read' && !('onWriter' in contract[method] && contract[method].onWriter);

  return {
    async call(token, method, input) {
      while (closedFor) await closedFor;
      if (!threads) return { ok: false, code: 'INTERNAL', message_zh: ERROR_MESSAGES.INTERNAL.zh };
      const { writer, readers } = threads;
      const t = token ?? null;
      if (!onReader(method)) {
        sessions.clear();
        const m = await writer.request<Extract<HostMessage, { type: 'result' }>>((id) => ({ type: 'call', id, token: t, method, input }));
        return m.result;
      }
      let session: Session;
      const cached = sessions.get(t ?? '');
      if (cached && cached.until > Date.now()) {
        session = cached.session;
      } else {
        const who = await writer.request<HostMessage>((id) => ({ type: 'resolve', id, token: t, method }));
        if (who.type !== 'resolved') return (who as Extract<HostMessage, { type: 'result' }>).result;
        if (who.failure || !who.session) return who.failure ?? { ok: false, code: 'INTERNAL', message_zh: ERROR_MESSAGES.INTERNAL.zh };
        session = who.session;
        // A session that must unlock or change its password is asked about every time.
        if (!session.locked && !session.mustChange) sessions.set(t ?? '', { session, until: Date.now() + SESSION_TTL_MS });
      }
      // The least busy reader still alive; a reader that died leaves its reads to the others, the last one to the writer.
      const alive = readers.filter((r) => !r.dead);
      if (alive.length === 0) {
        const m = await writer.request<Extract<HostMessage, { type: 'result' }>>((id) => ({ type: 'call', id, token: t, method, input }));
        return m.result;
      }
      const reader = alive.reduce((a, b) => (b.busy < a.busy ? b : a));
      const m = await reader.request<Extract<HostMessage, { type: 'result' }>>((id) => ({ type: 'call', id, session, method, input }));
      if (m.result.ok) writer.send({ type: 'touched', token: t, method });
      return m.result;
    },
    async close() {
      while (closedFor) await closedFor;
      if (threads) await closeThreads(threads);
    },
  };
}

/** The same interface over an in-process core: unit tests of the shells, and nothing else. */
export function inProcessClient(core: { callAs(token: string | null | undefined, method: string, input: unknown): CallResult<unknown>; close(): void }): CoreClient {
  return {
    call: async (token, method, input) => core.callAs(token, method, input),
    close: async () => core.close(),
  };
}
