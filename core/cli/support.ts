import { openCore, type Core } from '../app.js';
import type { CallResult } from '../api/contract/index.js';
import { ERROR_MESSAGES } from '../kernel/errors.js';
import { resolveDataDir } from '../store/data-dir.js';
import { createLogger } from '../log.js';

/** A failure the CLI reports as one English line and exit code 1. */
export class CliError extends Error {}

export const DATA_OPTION = ['--data <dir>', 'data folder (default: INTAKE_DATA or the per-user app-data folder)'] as const;

/** Unwraps a core result for the terminal: the English text of the code, never the Chinese UI text. */
export function unwrap<T>(result: CallResult<T>): T {
  if (result.ok) return result.value;
  const en = ERROR_MESSAGES[result.code as keyof typeof ERROR_MESSAGES]?.en ?? result.code;
  throw new CliError(result.field ? `${en} (field: ${result.field})` : en);
}

/** Opens the core on the data folder for the length of one command. */
export function withCore<T>(dataFlag: string | undefined, fn: (core: Core) => T): T {
  const dataDir = resolveDataDir({ flag: dataFlag });
  const core = openCore({ dataDir, log: createLogger(dataDir) });
  try {
    return fn(core);
  } finally {
    core.close();
  }
}
