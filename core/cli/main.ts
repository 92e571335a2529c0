#!/usr/bin/env node
/** The `intake` command: the county's and the admin's tools. English output, non-zero exit on error. */
import { Command } from 'commander';
import { openCore } from '../app.js';
import { LOCAL_SESSION } from '../api/context.js';
import type { CallResult } from '../api/contract.js';
import { ERROR_MESSAGES, IntakeError } from '../domain/errors.js';
import { resolveDataDir } from '../store/data-dir.js';
import { APP_VERSION } from '../version.js';
import { createLogger } from '../log.js';

class CliError extends Error {}

/** Unwraps a core result for the terminal: the English text of the code, never the Chinese UI text. */
function unwrap<T>(result: CallResult<T>): T {
  if (result.ok) return result.value;
  const en = ERROR_MESSAGES[result.code as keyof typeof ERROR_MESSAGES]?.en ?? result.code;
  throw new CliError(result.field ? `${en} (field: ${result.field})` : en);
}

function withCore<T>(dataFlag: string | undefined, fn: (core: ReturnType<typeof openCore>) => T): T {
  const dataDir = resolveDataDir({ flag: dataFlag });
  const core = openCore({ dataDir, log: createLogger(dataDir) });
  try {
    return fn(core);
  } finally {
    core.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('intake')
    .description('Township Intake (信访接待台): command-line tools for the center admin and the county bureau')
    .version(APP_VERSION)
    .showHelpAfterError();

  program
    .command('info')
    .description('print version, schema version, township and data folder')
    .option('--data <dir>', 'data folder (default: INTAKE_DATA or the per-user app-data folder)')
    .option('--json', 'print as JSON')
    .action((opts: { data?: string; json?: boolean }) => {
      const info = withCore(opts.data, (core) => unwrap(core.call(LOCAL_SESSION, 'system.info', {})));
      if (opts.json) return console.log(JSON.stringify(info, null, 2));
      console.log(`Township Intake ${info.version}`);
      console.log(`schema version: ${info.schemaVersion}`);
      console.log(`county:         ${info.county}`);
      console.log(`township:       ${info.township ? `${info.township.name} (${info.township.code})` : 'not set'}`);
      console.log(`data folder:    ${info.dataDir}`);
    });

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
