import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Role } from './contract.js';
import type { KeyStore } from '../bundle/key-store.js';
import type { SessionStore } from '../auth/sessions.js';

/** Time is injected so deadline and bundle tests are deterministic. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface CoreContext {
  db: Database;
  clock: Clock;
  log: Logger;
  dataDir: string;
  version: string;
  /** Where the center's signing key is kept (safeStorage in the app, a 0600 file otherwise). */
  keyStore?: KeyStore;
  sessions: SessionStore;
}

/** Who is calling: a signed-in user, the local command line, or nobody yet. */
export interface Session {
  user: string;
  role: Role | 'anonymous';
  userId?: number;
  /** The live session's token, for the auth methods that change it. */
  token?: string;
  mustChange?: boolean;
  locked?: boolean;
}

/** The `intake` command works on the data folder directly, as its administrator. */
export const LOCAL_SESSION: Session = { user: 'local', role: 'admin' };
export const ANONYMOUS: Session = { user: 'anonymous', role: 'anonymous' };
