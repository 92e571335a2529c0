/**
 * The county workstation's core: the county folder's store (SQLite or PostgreSQL) for what the
 * townships sent, and a desk core on DIR/staff for the county staff's accounts, sessions, lockout
 * and audit trail, the same code as a township desk's. It speaks CoreClient, so the HTTP shell
 * (one-time launch code, cookie, Host/Origin checks) serves it unchanged.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { openCore } from '../app.js';
import { STAFF_FOLDER } from '../store/data-dir.js';
import { openCounty, type CountyDesk } from '../bundle/county.js';
import { countyDispatch } from '../api/county-dispatch.js';
import type { Clock } from '../kernel/clock.js';
import { systemClock } from '../kernel/clock.js';
import type { KeyStore } from '../kernel/key-store.js';
import { dropReplicas } from '../services/county.js';
import type { CoreClient } from './client.js';
import { clockFrom } from './clock.js';
import type { HostOptions } from './protocol.js';
import { relayKeyStore } from './relay-key-store.js';

export interface CountyHost extends CoreClient {
  desk: CountyDesk;
}

export async function startCountyHost(opts: { dir: string; db?: string; clock?: Clock; log?: Logger; setupCode?: string; databaseKeys?: KeyStore }): Promise<CountyHost> {
  const clock = opts.clock ?? systemClock;
  const desk = await openCounty(opts.dir, { db: opts.db, clock });
  let staff;
  try {
    staff = openCore({ dataDir: path.join(opts.dir, STAFF_FOLDER), clock, log: opts.log, setupCode: opts.setupCode, databaseKeys: opts.databaseKeys });
  } catch (err) {
    await desk.close();
    throw err;
  }
  const core = staff;
  return {
    desk,
    call: (token, method, input) => countyDispatch(core, desk, token, method, input),
    close: async () => {
      dropReplicas();
      core.close();
      await desk.close();
    },
  };
}

/**
 * The county workstation from the host's start options, as the app's utility process starts it for
 * `--county DIR`: the staff database's key comes from the shell's kept secrets (Electron's safeStorage)
 * and every new one goes back to it, as for a desk.
 */
export function startCountyFromOptions(options: HostOptions, hooks: { onSecret?: (name: string, secret: string | null) => void } = {}): Promise<CountyHost> {
  const keys = options.secrets ? relayKeyStore(options.secrets, (name, secret) => hooks.onSecret?.(name, secret), options.secretsUnavailable ?? null) : undefined;
  return startCountyHost({ dir: options.dataDir, db: options.county?.db, clock: clockFrom(options.clock), setupCode: options.setupCode, databaseKeys: keys });
}
