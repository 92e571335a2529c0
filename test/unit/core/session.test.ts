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

describe('the session store at its boundaries (issue 20)', () => {
  it('locks only once idle for longer than the idle minutes, and activity restarts the count', () => {
    const clock = clockAt('2026-11-24T08:00:00+08:00');
    const store = new SessionStore(clock, 10);
    const s = store.open(user(1));
    expect(s).toMatchObject({ userId: 1, username: 'u1', role: 'reception', mustChange: false, locked: false });
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    clock.advance(10);
    expect(store.get(s.token)?.locked).toBe(false); // exactly 10 minutes: not yet
    store.touch(s);
    clock.advance(10);
    expect(store.get(s.token)?.locked).toBe(false);
    clock.advance(0.5);
    expect(store.get(s.token)?.locked).toBe(true);
    // Locked stays locked: activity does not unlock it (only the password does, in auth.unlock).
    store.touch(s);
    expect(store.get(s.token)?.locked).toBe(true);
  });

  it('ends a session exactly at its absolute lifetime, and one abandoned exactly at the abandon minutes', () => {
    const clock = clockAt('2026-11-24T08:00:00+08:00');
    const store = new SessionStore(clock, 10, { maxAgeMinutes: 60, abandonMinutes: 30 });
    const a = store.open(user(1));
    clock.advance(29);
    expect(store.get(a.token)).not.toBeNull();
    clock.advance(1);
    expect(store.get(a.token)).toBeNull(); // 30 minutes without activity
    const b = store.open(user(2));
    for (let i = 0; i < 5; i++) {
      clock.advance(11);
      store.touch(store.get(b.token)!);
    }
    clock.advance(4);
    expect(store.get(b.token)).not.toBeNull(); // 59 minutes, active
    clock.advance(1);
    expect(store.get(b.token)).toBeNull(); // 60 minutes after sign-in
  });

  it('without lifetimes keeps sessions (locked) however long; forgets on close; knows no token it did not make', () => {
    const clock = clockAt('2026-11-24T08:00:00+08:00');
    const store = new SessionStore(clock, 10);
    const a = store.open(user(1));
    clock.advance(7 * 24 * 60);
    expect(store.get(a.token)).toMatchObject({ userId: 1, locked: true });
    expect(store.get(null)).toBeNull();
    expect(store.get(undefined)).toBeNull();
    expect(store.get('')).toBeNull();
    expect(store.get('not-a-token')).toBeNull();
    store.close(a.token);
    expect(store.get(a.token)).toBeNull();
    expect(store.size).toBe(0);
  });

  it('sweeps ended sessions when a new one opens, and closes all of a user’s sessions when none is kept', () => {
    const clock = clockAt('2026-11-24T08:00:00+08:00');
    const store = new SessionStore(clock, 10, { abandonMinutes: 30 });
    store.open(user(1));
    store.open(user(1));
    clock.advance(31);
    const c = store.open(user(2));
    expect(store.size).toBe(1);
    const d = store.open(user(2));
    store.open(user(3));
    store.closeUser(2);
    expect([store.get(c.token), store.get(d.token), store.size]).toEqual([null, null, 1]);
  });
});
