import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me } from '../../../core/api/contract';
import { call, onSessionProblem, setSession } from '../api';

/** Matches the core's idle lock; the desk locks itself so a walk-away never leaves data open. */
export const IDLE_MS = 10 * 60_000;

export const useAuthStore = defineStore('auth', () => {
  const hasUsers = ref(true);
  /** Browser mode: the first admin types the code printed where the program was started. */
  const setupCodeRequired = ref(false);
  const me = ref<Me | null>(null);
  const checked = ref(false);
  const screen = computed<'setup' | 'login' | 'change' | 'locked' | 'desk'>(() => {
    if (!hasUsers.value) return 'setup';
    if (!me.value) return 'login';
    if (me.value.locked) return 'locked';
    if (me.value.mustChange) return 'change';
    return 'desk';
  });

  async function check(): Promise<void> {
    const r = await call('auth.status', {});
    if (r.ok) {
      hasUsers.value = r.value.hasUsers;
      setupCodeRequired.value = r.value.setupCodeRequired;
      me.value = r.value.me;
    }
    checked.value = true;
  }

  function signedIn(token: string, who: Me): void {
    setSession(token);
    me.value = who;
    hasUsers.value = true;
  }

  async function login(username: string, password: string) {
    const r = await call('auth.login', { username, password });
    if (r.ok) signedIn(r.value.token, r.value.me);
    return r;
  }

  /** `center`: the township and phone, asked at first start when the desk does not know them yet. */
  async function setup(username: string, displayName: string, password: string, setupCode?: string, center?: { township: string; phone: string }) {
    const r = await call('auth.setup', { username, displayName, password, ...(setupCode ? { setupCode } : {}), ...(center ?? {}) });
    if (r.ok) signedIn(r.value.token, r.value.me);
    return r;
  }

  async function changePassword(current: string, next: string) {
    const r = await call('auth.changePassword', { current, next });
    if (r.ok) me.value = r.value;
    return r;
  }

  async function unlock(password: string) {
    const r = await call('auth.unlock', { password });
    if (r.ok) me.value = r.value;
    return r;
  }

  async function lock(): Promise<void> {
    if (!me.value) return;
    await call('auth.lock', {});
    me.value = { ...me.value, locked: true };
  }

  async function logout(): Promise<void> {
    await call('auth.logout', {});
    setSession(null);
    me.value = null;
  }

  /** The desk closed every session (a restore): back to sign-in without asking the core. */
  function endSession(): void {
    setSession(null);
    me.value = null;
  }

  // The core refused a call for session reasons: show the matching screen, keep the page state.
  onSessionProblem((code) => {
    if (code === 'SESSION_LOCKED' && me.value) me.value = { ...me.value, locked: true };
    else if (code === 'PASSWORD_CHANGE_REQUIRED' && me.value) me.value = { ...me.value, mustChange: true };
    else if (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED') {
      setSession(null);
      me.value = null;
    }
  });

  return { hasUsers, setupCodeRequired, me, checked, screen, check, login, setup, changePassword, unlock, lock, logout, endSession };
});
