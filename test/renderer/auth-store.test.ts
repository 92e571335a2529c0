// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestingPinia } from '@pinia/testing';
import type { Me } from '../../core/api/contract';
import { call, setSession } from '../../renderer/src/api';
import { useAuthStore } from '../../renderer/src/stores/auth';
import { fail, installBridge, ok } from './fake-bridge';

const me = { id: 1, username: 'clerk', displayName: '王干事', role: 'clerk', locked: false, mustChange: false } as unknown as Me;

beforeEach(() => {
  setSession(null);
  createTestingPinia({ createSpy: vi.fn, stubActions: false });
});
afterEach(() => delete window.intake);

async function signedInStore() {
  installBridge({ 'auth.login': () => ok({ token: 'tok-9', me }) });
  const auth = useAuthStore();
  await auth.login('clerk', 'pw');
  return auth;
}

describe('auth store', () => {
  it('signs in: keeps the token for later calls and shows the desk', async () => {
    const auth = await signedInStore();
    expect(auth.screen).toBe('desk');
    const bridge = installBridge({ 'matters.counts': () => ok({ overdue: 0, dueSoon: 0 }) });
    await call('matters.counts', {});
    expect(bridge.calls[0]?.session).toBe('tok-9');
  });

  it('shows the unlock screen when any call answers SESSION_LOCKED, keeping who is signed in', async () => {
    const auth = await signedInStore();
    installBridge({ 'matters.get': () => fail('SESSION_LOCKED', '已锁定，请输入密码解锁') });
    await call('matters.get', { matterId: 1 });
    expect(auth.screen).toBe('locked');
    expect(auth.me?.displayName).toBe('王干事');
  });

  it('shows the password change when a call answers PASSWORD_CHANGE_REQUIRED', async () => {
    const auth = await signedInStore();
    installBridge({ 'matters.get': () => fail('PASSWORD_CHANGE_REQUIRED', '请先修改密码') });
    await call('matters.get', { matterId: 1 });
    expect(auth.screen).toBe('change');
  });

  it('forgets the session and shows sign-in when a call answers SESSION_EXPIRED', async () => {
    const auth = await signedInStore();
    installBridge({ 'matters.get': () => fail('SESSION_EXPIRED', '登录已过期') });
    await call('matters.get', { matterId: 1 });
    expect(auth.screen).toBe('login');
    expect(sessionStorage.getItem('intake.session')).toBeNull();
  });
});
