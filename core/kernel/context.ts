import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { KeyStore } from './key-store.js';
import type { SessionStore } from './session.js';

/** What every layer above the store works with: one open desk. */
export interface CoreContext {
  db: Database;
  /** The database's key (null for a plain database): backups and reader threads open it with this. */
  databaseKey?: Buffer | null;
  /**
   * The receipt check key, found (or made) in the key store by the writer at open and handed to the
   * reader threads, which print receipts but hold no key store (core/services/receipts.ts).
   */
  receiptKey?: Buffer | null;
  clock: Clock;
  log: Logger;
  dataDir: string;
  version: string;
  /** Where the center's signing key is kept (safeStorage in the app, a 0600 file otherwise). */
  keyStore?: KeyStore;
  /** Where the database key and the backup identity are kept: never inside the data folder. */
  localKeys?: KeyStore;
  sessions: SessionStore;
  /**
   * Browser mode: the one-time code the first admin must type, printed on the console of the process
   * that was started (any local process can reach the loopback port; only the operator sees that console).
   */
  setupCode?: string;
  /**
   * What only the core host can do, because it owns every connection (core/host/): absent in a core
   * opened in-process (the CLI, unit tests), where those operations are refused.
   */
  host?: HostHooks;
}

/** A restore from the UI: the host closes every connection, restores, and opens the desk again. */
export interface RestoreRequest {
  from: string;
  recoveryKey: string | null;
  /** The admin who asked (a login name), for the audit entry the reopened desk records. */
  by: string;
}

export interface HostHooks {
  restore(request: RestoreRequest): void;
}
