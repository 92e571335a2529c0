import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { dispatch } from './api/dispatch.js';
import { configureCenter } from './api/handlers/system.js';
import { systemClock, type Clock, type CoreContext, type Session } from './api/context.js';
import type { CallResult, MethodName, Output } from './api/contract.js';
import { openDatabase } from './store/db.js';
import { DB_FILE } from './store/data-dir.js';
import { seedReferenceData } from './store/reference-data.js';
import { createLogger } from './log.js';
import { APP_VERSION } from './version.js';

export interface Core {
  ctx: CoreContext;
  call<M extends MethodName>(session: Session, method: M | string, input: unknown): CallResult<Output<M>>;
  close(): void;
}

/**
 * Opens the desk's core on a data folder: creates the folder, opens and migrates the database,
 * loads reference data at first start. Every shell (Electron, HTTP, CLI) starts here.
 */
export function openCore(opts: { dataDir: string; clock?: Clock; log?: Logger; township?: string }): Core {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(path.join(opts.dataDir, DB_FILE));
  const clock = opts.clock ?? systemClock;
  const ctx: CoreContext = {
    db,
    clock,
    log: opts.log ?? createLogger(opts.dataDir),
    dataDir: opts.dataDir,
    version: APP_VERSION,
  };
  seedReferenceData(db, clock.now());
  if (opts.township) db.transaction(() => configureCenter(ctx, { township: opts.township }))();
  return {
    ctx,
    call: (session, method, input) => dispatch(ctx, session, method, input),
    close: () => db.close(),
  };
}
