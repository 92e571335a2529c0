import { IDLE_LOCK_MINUTES, SESSION_LIFETIMES } from './domain/password-policy.js';
import path from 'node:path';
import type { Logger } from 'pino';
import { dispatch } from './api/dispatch.js';
import { configureCenter } from './services/center.js';
import { ensureReceiptKey } from './services/receipts.js';
import { ANONYMOUS, type Session } from './kernel/session.js';
import { systemClock, type Clock } from './kernel/clock.js';
import type { CoreContext } from './kernel/context.js';
import { contract } from './api/contract/index.js';
import { SessionStore } from './kernel/session.js';
import { isMethodName } from './api/dispatch.js';
import type { CallFailure, CallResult, MethodName, Output } from './api/contract/index.js';
import { openDeskDatabase } from './store/desk-database.js';
import { osKeyStore } from './store/os-key-store.js';
import { secureDataDir } from './store/data-dir.js';
import { seedReferenceData } from './store/reference-data.js';
import { createLogger } from './kernel/log.js';
import { fileKeyStore, KEYS_FOLDER } from './bundle/key-store.js';
import type { KeyStore } from './kernel/key-store.js';
import { setUpCenterKey } from './bundle/center-keys.js';
import { APP_VERSION } from './kernel/version.js';

export interface Core {
  ctx: CoreContext;
  /** A call as a known session: the command line (LOCAL_SESSION) and tests. */
  call<M extends MethodName>(session: Session, method: M | string, input: unknown): CallResult<Output<M>>;
  /** A call from a shell, carrying the token the user's sign-in returned (or none yet). */
  callAs<M extends MethodName>(token: string | null | undefined, method: M | string, input: unknown): CallResult<Output<M>>;
  /** Who a token speaks for, for a call of `method` (the host resolves it here, then a reader runs the call). */
  sessionFor(token: string | null | undefined, method: string): { session: Session } | { failure: CallFailure };
  /** Counts a successful call as the user being active (idle lock); background polls do not. */
  touched(token: string | null | undefined, method: string): void;
  close(): void;
}

/**
 * Opens the desk's core on a data folder: creates the folder, opens and migrates the database,
 * loads reference data at first start. Every shell (Electron, HTTP, CLI) starts here.
 */
export interface OpenCoreOptions {
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  township?: string;
  /** Where the signing key is kept (default: files in DATA/keys). */
  keyStore?: KeyStore;
  /** Where the database key is kept (default: the app's store when it is safeStorage, else the OS keyring or a key file outside DATA). */
  databaseKeys?: KeyStore;
  /** False only for the benchmark's plain baseline and tests of the plain format. */
  encrypt?: boolean;
  setupCode?: string;
}

export function openCore(opts: OpenCoreOptions): Core {
  secureDataDir(opts.dataDir); // 0700 folder, 0600 files (docs/security.md)
  const log = opts.log ?? createLogger(opts.dataDir);
  // The app keeps the database key with safeStorage; where the OS offers it no encryption (Linux's
  // basic_text), as in browser mode: the OS keyring or a key file outside the data folder.
  const databaseKeys = opts.databaseKeys ?? (opts.keyStore?.kind === 'safeStorage' && opts.keyStore.canSave !== false ? opts.keyStore : osKeyStore());
  const opened = openDeskDatabase(opts.dataDir, { keys: databaseKeys, encrypt: opts.encrypt });
  if (opened.event !== 'opened') log.info({ event: opened.event, keptIn: databaseKeys.kind }, 'database');
  const db = opened.db;
  const clock = opts.clock ?? systemClock;
  const ctx: CoreContext = {
    db,
    databaseKey: opened.key,
    localKeys: databaseKeys,
    clock,
    log,
    dataDir: opts.dataDir,
    version: APP_VERSION,
    keyStore: opts.keyStore ?? fileKeyStore(path.join(opts.dataDir, KEYS_FOLDER)),
    sessions: new SessionStore(clock, IDLE_LOCK_MINUTES, SESSION_LIFETIMES),
    setupCode: opts.setupCode,
  };
  seedReferenceData(db, clock.now());
  setUpCenterKey(ctx);
  db.transaction(() => ensureReceiptKey(ctx))();
  if (opts.township) db.transaction(() => configureCenter(ctx, { township: opts.township }))();
  const sessionFor: Core['sessionFor'] = (token, method) => {
    const live = ctx.sessions.get(token);
    if (token && !live && !(isMethodName(method) && contract[method].public)) {
      return { failure: { ok: false, code: 'SESSION_EXPIRED', message_zh: '登录已失效，请重新登录' } };
    }
    return {
      session: live
        ? { user: live.username, role: live.role, userId: live.userId, token: live.token, mustChange: live.mustChange, locked: live.locked }
        : ANONYMOUS,
    };
  };
  const touched: Core['touched'] = (token, method) => {
    const live = ctx.sessions.get(token);
    // Only what the user does keeps the session awake; background polls do not.
    if (live && !live.locked && isMethodName(method) && !contract[method].passive) ctx.sessions.touch(live);
  };
  return {
    ctx,
    call: (session, method, input) => dispatch(ctx, session, method, input),
    callAs: (token, method, input) => {
      const who = sessionFor(token, method);
      if ('failure' in who) return who.failure;
      const result = dispatch(ctx, who.session, method, input);
      if (result.ok) touched(token, method);
      return result;
    },
    sessionFor,
    touched,
    close: () => db.close(),
  };
}
