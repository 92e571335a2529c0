import { describe, it, expect } from 'vitest';
import { CHANNEL, registerIpc, type CallTarget, type IpcMainLike } from '../../../electron/ipc.js';
import { isTrustedIpcEvent, type IpcEventLike } from '../../../electron/ipc-sender.js';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

function setup() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike<IpcEventLike> = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  const calls: { session: string | null; method: string; input: unknown }[] = [];
  const core: CallTarget = {
    call: async (session, method, input) => {
      calls.push({ session, method, input });
      return { ok: true, value: { echoed: method } };
    },
  };
  registerIpc(ipcMain, core, isTrustedIpcEvent);
  return { handlers, calls };
}

const ours: IpcEventLike = { senderFrame: { url: 'app://intake/index.html', parent: null } };

describe('registerIpc', () => {
  it('registers one handler on the one channel', () => {
    const { handlers } = setup();
    expect([...handlers.keys()]).toEqual([CHANNEL]);
    expect(CHANNEL).toBe('intake:call');
  });

  it('forwards a trusted call to the core with the sign-in token the page sent', async () => {
    const { handlers, calls } = setup();
    const result = await handlers.get(CHANNEL)!(ours, 'villages.list', { township: 'ZMQ' }, 'tok-1');
    expect(result).toEqual({ ok: true, value: { echoed: 'villages.list' } });
    await handlers.get(CHANNEL)!(ours, 'auth.status', {});
    expect(calls).toEqual([
      { session: 'tok-1', method: 'villages.list', input: { township: 'ZMQ' } },
      { session: null, method: 'auth.status', input: {} },
    ]);
  });

  it.each<[string, IpcEventLike]>([
    ['a foreign page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe', { senderFrame: { url: 'app://intake/index.html', parent: {} } }],
    ['a vanished frame', { senderFrame: null }],
  ])('refuses %s without calling the core', (_name, event) => {
    const { handlers, calls } = setup();
    const result = handlers.get(CHANNEL)!(event, 'system.info', {});
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((result as { message_zh: string }).message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(calls).toEqual([]);
  });

  it('refuses a malformed payload without calling the core', () => {
    const { handlers, calls } = setup();
    expect(handlers.get(CHANNEL)!(ours, 42, {})).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(calls).toEqual([]);
  });
});
