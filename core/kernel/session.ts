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
  lastActive: number;
}

/**
 * Signed-in sessions live in memory only: a restart signs everyone out, which is what a desk
 * expects. A session idle for 10 minutes locks and needs the password again (等保 2.0).
 */
export class SessionStore {
  private readonly sessions = new Map<string, LiveSession>();

  constructor(
    private readonly clock: Clock,
    /** Idle minutes before a session locks (the policy lives in domain/password-policy.ts). */
    private readonly idleLockMinutes: number,
  ) {}

  open(user: { id: number; username: string; displayName: string; role: Role; mustChange: boolean }): LiveSession {
    const s: LiveSession = {
      token: randomBytes(24).toString('base64url'),
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      mustChange: user.mustChange,
      locked: false,
      lastActive: this.clock.now().getTime(),
    };
    this.sessions.set(s.token, s);
    return s;
  }

  /** The session behind a token, locked first if it has been idle too long. */
  get(token: string | null | undefined): LiveSession | null {
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

  /** Signs a user out everywhere (deactivated, password reset by the admin). */
  closeUser(userId: number): void {
    for (const [t, s] of this.sessions) if (s.userId === userId) this.sessions.delete(t);
  }
}

/** Tests and the `intake` commands that run without an account act as this administrator. */
export const LOCAL_SESSION: Session = { user: 'local', role: 'admin' };
