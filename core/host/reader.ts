/**
 * A reader: a read-only connection in a thread of its own, answering 'read' methods for a session the
 * writer has already resolved. A long report here never delays the writer or another reader.
 */
import path from 'node:path';
import { dispatch } from '../api/dispatch.js';
import type { CoreContext } from '../kernel/context.js';
import { SessionStore } from '../kernel/session.js';
import { IDLE_LOCK_MINUTES } from '../domain/password-policy.js';
import { DB_FILE } from '../store/data-dir.js';
import { openReadOnly } from '../store/db.js';
import { createLogger } from '../kernel/log.js';
import { APP_VERSION } from '../kernel/version.js';
import { clockFrom } from './clock.js';
import type { HostOptions, ReaderRequest } from './protocol.js';
import type { Port } from './writer.js';

export function openReader(options: HostOptions): CoreContext {
  const clock = clockFrom(options.clock);
  return {
    db: openReadOnly(path.join(options.dataDir, DB_FILE), { key: options.databaseKey ? Buffer.from(options.databaseKey, 'hex') : null }),
    receiptKey: options.receiptKey ? Buffer.from(options.receiptKey, 'hex') : null,
    clock,
    log: createLogger(options.dataDir, options.logLevel),
    dataDir: options.dataDir,
    version: APP_VERSION,
    // Sessions are the writer's: a reader is handed the resolved session with each call.
    sessions: new SessionStore(clock, IDLE_LOCK_MINUTES),
  };
}

export function answerReader(ctx: CoreContext, msg: ReaderRequest, port: Port): void {
  if (msg.type === 'close') {
    ctx.db.close();
    port.postMessage({ type: 'closed', id: msg.id });
    return;
  }
  port.postMessage({ type: 'result', id: msg.id, result: dispatch(ctx, msg.session, msg.method, msg.input) });
}
