/**
 * Entry of the core host in Electron's utility process (as Actual Budget runs its server): the main
 * process only relays the renderer's calls here. The writer and readers run in worker threads of this
 * process. No Electron import: `process.parentPort` is what Electron gives a utility process.
 */
import type { CallResult } from '../api/contract/index.js';
import { startWorkerCore, type CoreClient } from './client.js';
import { startCountyFromOptions } from './county-host.js';
import type { HostOptions } from './protocol.js';

/** Main → host. */
export type ToHost =
  | { type: 'start'; options: HostOptions }
  | { type: 'call'; id: number; token: string | null; method: string; input: unknown }
  | { type: 'stop' };
/** Host → main. */
export type FromHost =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: CallResult<unknown> }
  | { type: 'secret'; name: string; secret: string | null }
  | { type: 'stopped' };

interface ParentPort {
  on(event: 'message', listener: (e: { data: ToHost }) => void): void;
  postMessage(message: FromHost): void;
}

/** A township desk, or the county workstation when the shell was started for a county folder. */
export function startHost(options: HostOptions, hooks: { onSecret?: (name: string, secret: string | null) => void }): Promise<CoreClient> {
  return options.county ? startCountyFromOptions(options, hooks) : startWorkerCore(options, hooks);
}

/** The host's side of the relay: a plain function of its port, so it is tested without Electron. */
export function serveParentPort(port: ParentPort, start = startHost): void {
  let client: Promise<CoreClient> | null = null;
  port.on('message', ({ data }) => {
    if (data.type === 'start') {
      client = start(data.options, { onSecret: (name, secret) => port.postMessage({ type: 'secret', name, secret }) });
      client.then(
        () => port.postMessage({ type: 'ready' }),
        (err: unknown) => port.postMessage({ type: 'fatal', message: err instanceof Error ? err.message : String(err) }),
      );
    } else if (data.type === 'call') {
      if (!client) return port.postMessage({ type: 'result', id: data.id, result: { ok: false, code: 'NETWORK', message_zh: '本机服务尚未启动' } });
      void client
        .then((c) => c.call(data.token, data.method, data.input))
        .then((result) => port.postMessage({ type: 'result', id: data.id, result }));
    } else {
      void (client ?? Promise.resolve(null))
        .then((c) => c?.close())
        .finally(() => port.postMessage({ type: 'stopped' }));
    }
  });
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort) serveParentPort(parentPort);
