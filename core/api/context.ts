import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Role } from './contract.js';

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
}

/** Who is calling. Until accounts land (issue 8) the desk runs as one local admin session. */
export interface Session {
  user: string;
  role: Role;
}
export const LOCAL_SESSION: Session = { user: 'local', role: 'admin' };
