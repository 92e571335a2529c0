import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../core/kernel/session.js';
import type { Clock } from '../../../core/kernel/clock.js';
import { SESSION_LIFETIMES, SESSION_MAX_HOURS } from '../../../core/domain/password-policy.js';

function clockAt(iso: string): Clock & { advance(minutes: number): void } {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (m) => void (t += m * 60_000) };
}
const user = (id: number) => ({ id, username: `u${id}`, displayName: '某', role: 'reception' as const, mustChange: false });

describe('the session store (injected clock)', () => {
  it('locks after the idle minutes, evicts after the abandon minutes, ends at the absolute lifetime', () => {
    const clock = clockAt('2026-11-24T08:00:00+08:00');
    const store = new SessionStore(clock, 10, { maxAgeMinutes: 12 * 60, abandonMinutes: 60 });
    const a = store.open(user(1));
    clock.advance(11);
    expect(store.get(a.token)?.locked).toBe(true);
    clock.advance(50);
    expect(store.get(a.token)).toBeNull();
    expect(store.size).toBe(0);

    const b = store.open(user(2));
    for (let i = 0; i < 79; i++) {
      clock.advance(9);
      store.touch(store.get(b.token)!);
    }
    clock.advance(8);
    expect(store.get(b.token)?.locked).toBe(false); // 719 minutes
    clock.advance(1);
    expect(store.get(b.token)).toBeNull(); // 12 h after sign-in, though active every 10 minutes
  });

  it('closes a user’s sessions but the one kept', () => {
    const store = new SessionStore(clockAt('2026-11-24T08:00:00+08:00'), 10);
    const [a, b, c] = [store.open(user(1)), store.open(user(1)), store.open(user(2))];
    store.closeUser(1, b.token);
    expect([store.get(a.token), store.get(b.token)?.token, store.get(c.token)?.token]).toEqual([null, b.token, c.token]);
  });

  it('the default policy is 12 hours', () => {
    expect(SESSION_MAX_HOURS).toBe(12);
    expect(SESSION_LIFETIMES.maxAgeMinutes).toBe(720);
  });
});
