// Main relays calls to the core host and back; the host's side serves its parent port. Both are plain
// functions, wired here to each other in memory as Electron wires them across processes.
import { describe, expect, it } from 'vitest';
import { createHostRelay } from '../../../electron/host-relay.js';
import { serveParentPort, type FromHost, type ToHost } from '../../../core/host/utility-entry.js';
import type { CoreClient } from '../../../core/host/client.js';

function wire(client: CoreClient) {
  const kept: [string, string | null][] = [];
  let hostListener: (e: { data: ToHost }) => void = () => undefined;
  const relay = createHostRelay({ postMessage: (m) => queueMicrotask(() => hostListener({ data: m })) }, (n, s) => kept.push([n, s]));
  let onSecret: ((n: string, s: string | null) => void) | undefined;
  serveParentPort(
    { on: (_e, l) => (hostListener = l), postMessage: (m: FromHost) => queueMicrotask(() => relay.onMessage(m)) },
    async (_options, hooks) => {
      onSecret = hooks?.onSecret;
      return client;
    },
  );
  return { relay, kept, start: () => hostListener({ data: { type: 'start', options: { dataDir: '/nowhere' } } }), secret: (n: string, s: string | null) => onSecret?.(n, s) };
}

describe('main ↔ core host relay', () => {
  it('answers each call by its id, in any order, and keeps the secrets the host sends back', async () => {
    const client: CoreClient = {
      call: async (token, method) => {
        if (method === 'slow') await new Promise((r) => setTimeout(r, 20));
        return { ok: true, value: { token, method } };
      },
      close: async () => undefined,
    };
    const w = wire(client);
    w.start();
    const [slow, fast] = await Promise.all([w.relay.call('t1', 'slow', {}), w.relay.call(null, 'fast', {})]);
    expect(slow).toEqual({ ok: true, value: { token: 't1', method: 'slow' } });
    expect(fast).toEqual({ ok: true, value: { token: null, method: 'fast' } });
    w.secret('center-key-ab', 'SECRET');
    await new Promise((r) => setTimeout(r, 0));
    expect(w.kept).toEqual([['center-key-ab', 'SECRET']]);
  });

  it('answers waiting calls with a failure when the host exits', async () => {
    const never: CoreClient = { call: () => new Promise(() => undefined), close: async () => undefined };
    const w = wire(never);
    w.start();
    const waiting = w.relay.call('t', 'persons.search', { q: '张' });
    await new Promise((r) => setTimeout(r, 5));
    w.relay.onExit();
    expect(await waiting).toMatchObject({ ok: false, code: 'NETWORK' });
    expect(await w.relay.call('t', 'system.info', {})).toMatchObject({ ok: false, code: 'NETWORK' });
  });
});
