#!/usr/bin/env node
/** The `intake` command: the county's and the admin's tools. English output, non-zero exit on error. */
import { Command } from 'commander';
import { IntakeError } from '../kernel/errors.js';
import { APP_VERSION } from '../kernel/version.js';
import { CliError } from './support.js';
import { registerInfo } from './commands/info.js';
import { registerAdmin } from './commands/admin.js';
import { registerAudit } from './commands/audit.js';
import { registerSeed } from './commands/seed.js';
import { registerBackup } from './commands/backup.js';
import { registerRestore } from './commands/restore.js';
import { registerBundle } from './commands/bundle.js';
import { registerKeys } from './commands/keys.js';
import { registerCounty } from './commands/county.js';

/** Each command lives in its own module under commands/ and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('intake')
    .description('Township Intake (信访接待台): command-line tools for the center admin and the county bureau')
    .version(APP_VERSION)
    .showHelpAfterError()
    .option('--as <username>', "act as this staff account (its password is read from stdin); default: the OS user, as cli:<name>");
  registerInfo(program);
  registerAdmin(program);
  registerAudit(program);
  registerSeed(program);
  registerBackup(program);
  registerRestore(program);
  registerBundle(program);
  registerKeys(program);
  registerCounty(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().exitOverride().parseAsync(argv);
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 1; // commander already printed it
    console.error(`error: ${err instanceof CliError || err instanceof IntakeError ? e.message : String(err)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
