import os from 'node:os';
import type { Command } from 'commander';
import { openCore, type Core } from '../app.js';
import type { CallResult, Input, MethodName, Output } from '../api/contract/index.js';
import { ERROR_MESSAGES } from '../kernel/errors.js';
import type { Session } from '../kernel/session.js';
import { resolveDataDir } from '../store/data-dir.js';
import { createLogger } from '../kernel/log.js';
import { readSecret } from './secret-input.js';
import { ensureBackupIdentities } from '../bundle/backup-seal.js';

/** A failure the CLI reports as one English line and exit code 1. */
export class CliError extends Error {}

export const DATA_OPTION = ['--data <dir>', 'data folder (default: INTAKE_DATA or the per-user app-data folder)'] as const;

/** Unwraps a core result for the terminal: the English text of the code, never the Chinese UI text. */
export function unwrap<T>(result: CallResult<T>): T {
  if (result.ok) return result.value;
  const en = ERROR_MESSAGES[result.code]?.en ?? result.code;
  throw new CliError(result.field ? `${en} (field: ${result.field})` : en);
}

/**
 * Who a command acts as when no account is named: the operating-system user at this machine, as
 * `cli:<name>`, with the admin's rights (whoever can run the command can read the data folder).
 */
export function cliSession(): Session {
  return { user: `cli:${os.userInfo().username}`, role: 'admin' };
}

/** One command's way into the core: every call through the contract, as one named actor. */
export interface CliCore {
  core: Core;
  call<M extends MethodName>(method: M, input: Input<M>): Output<M>;
}

/**
 * Opens the core on the data folder for the length of one command. With the global `--as USERNAME`
 * the command signs in as that account (the password from stdin) and acts with its role; otherwise
 * as `cli:<os user>`.
 */
export async function withCli<T>(cmd: Command, fn: (cli: CliCore) => T | Promise<T>): Promise<T> {
  const opts = cmd.optsWithGlobals<{ data?: string; as?: string }>();
  const dataDir = resolveDataDir({ flag: opts.data });
  const core = openCore({ dataDir, log: createLogger(dataDir) });
  try {
    await ensureBackupIdentities(core.ctx); // the paper recovery key exists before the first backup
    let token: string | null = null;
    if (opts.as) {
      const password = await readSecret(`Password for ${opts.as}: `, true);
      token = unwrap(core.callAs(null, 'auth.login', { username: opts.as, password })).token;
    }
    const session = cliSession();
    const call = <M extends MethodName>(method: M, input: Input<M>): Output<M> =>
      unwrap(token ? core.callAs<M>(token, method, input) : core.call<M>(session, method, input));
    const out = await fn({ core, call });
    if (token) core.callAs(token, 'auth.logout', {});
    return out;
  } finally {
    core.close();
  }
}
