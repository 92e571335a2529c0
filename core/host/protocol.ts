/**
 * The messages between a shell and the core host (a worker thread in browser mode and the CLI, an
 * Electron utility process in the app). Plain JSON-able values only: they cross a thread or process.
 */
import type { CallFailure, CallResult } from '../api/contract/index.js';
import type { Session } from '../kernel/session.js';
import type { RestoreRequest } from '../kernel/context.js';
import type { RestoreReport } from '../domain/views/backups.js';

/** How the host tells time: the system clock, a fixed instant (tests), or the system clock shifted (benchmarks). */
export type ClockSpec = { kind: 'system' } | { kind: 'fixed'; at: string } | { kind: 'offset'; ms: number };

export interface HostOptions {
  /** The desk's data folder; in county mode, the county folder. */
  dataDir: string;
  /**
   * County mode (issue 17): the host is the county workstation on the county folder (dataDir), its
   * staff accounts a desk core in DATA/staff; `db` a SQLite file or postgres://… (default: the folder's).
   */
  county?: { db?: string };
  /** Set this center's township at start (`--township`). */
  township?: string;
  clock?: ClockSpec;
  /** pino level; 'silent' for tests. */
  logLevel?: string;
  /** Reader threads beside the writer (default 2). */
  readers?: number;
  /**
   * Secrets kept by the shell (Electron's safeStorage lives only in the main process): handed to the host
   * at start, and every change sent back as a `secret` message for the shell to store.
   */
  secrets?: Record<string, string>;
  /** Why the shell cannot keep a new secret (no OS encryption): the host then refuses to make one. */
  secretsUnavailable?: string | null;
  /** Browser mode: the first admin must give this code (printed on the console of `serve`). */
  setupCode?: string;
  /**
   * The database key, hex: the writer finds it (or makes it) and the client hands it to the readers it
   * starts after the writer; a shell never sets it.
   */
  databaseKey?: string | null;
  /** The receipt key, hex, handed to the readers the same way. */
  receiptKey?: string | null;
  /** Make the daily backup into DATA/backups/ (the app and browser mode; not the CLI or tests). */
  dailyBackup?: boolean;
  /** The writer opens after a restore from the UI: it records how that ended (services/restore-from-desk.ts). */
  restored?: RestoreReport;
}

/** Shell → writer. */
export type WriterRequest =
  | { type: 'call'; id: number; token: string | null; method: string; input: unknown }
  | { type: 'resolve'; id: number; token: string | null; method: string }
  | { type: 'touched'; token: string | null; method: string }
  | { type: 'close'; id: number };

/** Shell → reader. */
export type ReaderRequest = { type: 'call'; id: number; session: Session; method: string; input: unknown } | { type: 'close'; id: number };

/** Host → shell. */
export type HostMessage =
  | { type: 'ready'; databaseKey?: string | null; receiptKey?: string | null }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: CallResult<unknown> }
  | { type: 'resolved'; id: number; session: Session | null; failure: CallFailure | null }
  | { type: 'closed'; id: number }
  /** The host stored (or removed, secret null) a secret: the shell keeps it where it keeps secrets. */
  | { type: 'secret'; name: string; secret: string | null }
  /** A checked backup is to be restored: only the shell's side of the host can close every connection. */
  | { type: 'restore'; request: RestoreRequest };

/** Where a worker starts: which part it plays, and the options. */
export interface WorkerData {
  role: 'writer' | 'reader';
  options: HostOptions;
}
