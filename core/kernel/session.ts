import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Role } from './roles.js';

/** Who is calling: a signed-in user, the command line acting for a named account, or nobody yet. */
export interface Session {
  user: string;
  role: Role | 'anonymous';
  userId?: number;
  /** The live session's token, for the auth methods that change it. */
  token?: string;
  mustChange?: boolean;
  locked?: boolean;
}

export const ANONYMOUS: Session = { user: 'anonymous', role: 'anonymous' };

export interface LiveSession {
  token: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  mustChange: boolean;
  locked: boolean;
  /** When it was opened (ms): a session ends at openedAt + the absolute lifetime, active or not. */
  openedAt: number;
  lastActive: number;
}

/** How long sessions live; core/app.ts passes the policy of domain/password-policy.ts. */
export interface SessionLifetimes {
  /** Absolute lifetime in minutes from sign-in, however active the user is. */
  maxAgeMinutes?: number;
  /** Minutes without user activity after which a (by then locked) session is forgotten. */
  abandonMinutes?: number;
}

/**
 * Signed-in sessions live in memory only: a restart signs everyone out, which is what a desk
 * expects. A session idle for 10 minutes locks and needs the password again (等保 2.0); one left
 * locked (no user activity for `abandonMinutes`) or older than `maxAgeMinutes` is evicted from
 * memory, so its token is simply unknown afterwards. The clock is injected, so tests move time.
 */
export class SessionStore {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly maxAgeMs: number;
  private readonly abandonMs: number;

  constructor(
    private readonly clock: Clock,
    /** Idle minutes before a session locks (the policy lives in domain/password-policy.ts). */
    private readonly idleLockMinutes: number,
    lifetimes: SessionLifetimes = {},
  ) {
    this.maxAgeMs = (lifetimes.maxAgeMinutes ?? Infinity) * 60_000;
    this.abandonMs = (lifetimes.abandonMinutes ?? Infinity) * 60_000;
  }

  open(user: { id: number; username: string; displayName: string; role: Role; mustChange: boolean }): LiveSession {
    this.sweep();
    const now = this.clock.now().getTime();
    const s: LiveSession = {
      token: randomBytes(24).toString('base64url'),
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      mustChange: user.mustChange,
      locked: false,
      openedAt: now,
      lastActive: now,
    };
    this.sessions.set(s.token, s);
    return s;
  }

  private expired(s: LiveSession, now: number): boolean {
    return now - s.openedAt >= this.maxAgeMs || now - s.lastActive >= this.abandonMs;
  }

  /** Forgets every session past its lifetime or abandoned; called on each lookup (a desk has few). */
  sweep(): void {
    const now = this.clock.now().getTime();
    for (const [t, s] of this.sessions) if (this.expired(s, now)) this.sessions.delete(t);
  }

  /** The session behind a token, locked first if it has been idle too long; null once it has ended. */
  get(token: string | null | undefined): LiveSession | null {
    this.sweep();
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (this.clock.now().getTime() - s.lastActive > this.idleLockMinutes * 60_000) s.locked = true;
    return s;
  }

  touch(s: LiveSession): void {
    s.lastActive = this.clock.now().getTime();
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /**
   * Signs a user out everywhere (deactivated, role changed, password changed or reset, account
   * locked), except the session `keep` (the one that changed its own password).
   */
  closeUser(userId: number, keep?: string): void {
    for (const [t, s] of this.sessions) if (s.userId === userId && t !== keep) this.sessions.delete(t);
  }

  /** Sessions held in memory (for tests and the host's status). */
  get size(): number {
    return this.sessions.size;
  }
}

/** Tests and the `intake` commands that run without an account act as this administrator. */
export const LOCAL_SESSION: Session = { user: 'local', role: 'admin' };
