/**
 * The restore itself, run by the host between closing the desk and opening it again: nothing holds
 * the database then. It never throws: a refusal (the backup changed since it was checked, the folder
 * in use) is a report, and the desk that opens next is the one that was there.
 */
import type { RestoreRequest } from '../kernel/context.js';
import type { RestoreReport } from '../domain/views/backups.js';
import { ERROR_MESSAGES } from '../kernel/errors.js';
import { restoreIntoDataDir } from '../services/restore-backup.js';
import { restoreRefusal } from '../services/restore-from-desk.js';
import { osKeyStore } from '../store/os-key-store.js';
import { clockFrom } from './clock.js';
import type { HostOptions } from './protocol.js';
import { relayKeyStore } from './relay-key-store.js';

export async function runRestore(
  options: HostOptions,
  request: RestoreRequest,
  onSecret: (name: string, secret: string | null) => void,
): Promise<RestoreReport> {
  // The same place the writer keeps the database key and the backup identity (app.ts openCore).
  const keys = options.secrets && !options.secretsUnavailable ? relayKeyStore(options.secrets, onSecret) : osKeyStore();
  const now = clockFrom(options.clock).now();
  const base = { at: now.toISOString(), by: request.by, from: request.from };
  try {
    const r = await restoreIntoDataDir(options.dataDir, request.from, { now, keys, recoveryKey: request.recoveryKey });
    return { ...base, ok: true, keptAside: r.keptAside, backupCreatedAt: r.inspection.manifest.createdAt, attachmentsCopied: r.attachmentsCopied };
  } catch (err) {
    const e = restoreRefusal(err);
    return {
      ...base,
      ok: false,
      code: e?.code ?? 'INTERNAL',
      message_zh: e?.message_zh ?? ERROR_MESSAGES.INTERNAL.zh,
      keptAside: null,
      backupCreatedAt: null,
      attachmentsCopied: 0,
    };
  }
}
