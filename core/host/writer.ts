/** The writer: the one connection that writes, the sessions and the running jobs. */
import { openCore, type Core } from '../app.js';
import { createLogger } from '../kernel/log.js';
import { startBackupScheduler } from '../services/daily-backup.js';
import { clearLeftoverUploads } from '../services/attachments.js';
import { clockFrom } from './clock.js';
import type { HostMessage, HostOptions, WriterRequest } from './protocol.js';
import { relayKeyStore } from './relay-key-store.js';
import { ensureBackupIdentities } from '../bundle/backup-seal.js';
import { recordRestore } from '../services/restore-from-desk.js';

export interface Port {
  postMessage(message: HostMessage): void;
}

export function openWriter(options: HostOptions, port: Port): Core {
  const core = openCore({
    dataDir: options.dataDir,
    township: options.township,
    setupCode: options.setupCode,
    clock: clockFrom(options.clock),
    log: createLogger(options.dataDir, options.logLevel),
    keyStore: options.secrets ? relayKeyStore(options.secrets, (name, secret) => port.postMessage({ type: 'secret', name, secret }), options.secretsUnavailable ?? null) : undefined,
  });
  core.ctx.host = { restore: (request) => port.postMessage({ type: 'restore', request }) };
  if (options.restored) recordRestore(core.ctx, options.restored);
  // Uploads an earlier run left (its sessions, and so its forms, are gone); never from the CLI, which may run beside the app.
  clearLeftoverUploads(core.ctx);
  if (options.dailyBackup) startBackupScheduler(core.ctx); // the writer's thread holds the connection to copy
  return core;
}

/** The backup identity and the paper recovery key exist from the first start on (made asynchronously). */
export async function prepareBackupKeys(ctx: Core['ctx']): Promise<void> {
  try {
    await ensureBackupIdentities(ctx);
  } catch (err) {
    ctx.log.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'backup keys could not be made');
  }
}

/** Answers one request; the dispatcher never throws, so neither does this. */
export function answerWriter(core: Core, msg: WriterRequest, port: Port): void {
  switch (msg.type) {
    case 'call':
      port.postMessage({ type: 'result', id: msg.id, result: core.callAs(msg.token, msg.method, msg.input) });
      return;
    case 'resolve': {
      const who = core.sessionFor(msg.token, msg.method);
      port.postMessage({ type: 'resolved', id: msg.id, session: 'session' in who ? who.session : null, failure: 'failure' in who ? who.failure : null });
      return;
    }
    case 'touched':
      core.touched(msg.token, msg.method);
      return;
    case 'close':
      core.close();
      port.postMessage({ type: 'closed', id: msg.id });
      return;
  }
}
