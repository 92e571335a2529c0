// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, callOrThrow, CallError, onSessionProblem, setSession } from '../../renderer/src/api';
import { fail, installBridge, ok } from './fake-bridge';

describe('api: the one client over window.intake', () => {
  beforeEach(() => setSession(null));
  afterEach(() => {
    delete window.intake;
    onSessionProblem(() => undefined);
  });

  it('sends the method, the input and the session token through the bridge and returns its result', async () => {
    const bridge = installBridge({ 'matters.get': () => ok({ id: 7 } as never) });
    setSession('tok-1');
    const r = await call('matters.get', { matterId: 7 });
    expect(r).toEqual({ ok: true, value: { id: 7 } });
    expect(bridge.calls).toEqual([{ method: 'matters.get', input: { matterId: 7 }, session: 'tok-1' }]);
    expect(sessionStorage.getItem('intake.session')).toBe('tok-1');
  });

  it('turns a bridge that throws into the NETWORK failure', async () => {
    window.intake = { call: () => Promise.reject(new Error('gone')) };
    const r = await call('auth.status', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('NETWORK');
  });

  it('tells the session listener about session codes only', async () => {
    const heard = vi.fn();
    onSessionProblem(heard);
    installBridge({ 'matters.get': () => fail('SESSION_LOCKED', '已锁定'), 'matters.counts': () => fail('FORBIDDEN', '无权') });
    await call('matters.get', { matterId: 1 });
    await call('matters.counts', {});
    expect(heard.mock.calls).toEqual([['SESSION_LOCKED']]);
  });

  it('callOrThrow throws a CallError carrying the failure', async () => {
    installBridge({ 'matters.get': () => fail('MATTER_NOT_FOUND', '没有这件信访事项', { field: 'matterId' }) });
    const thrown = await callOrThrow('matters.get', { matterId: 1 }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(CallError);
    expect((thrown as CallError).failure).toMatchObject({ code: 'MATTER_NOT_FOUND', field: 'matterId' });
    expect((thrown as CallError).message).toBe('没有这件信访事项');
  });
});
