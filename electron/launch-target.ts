/**
 * What the app was started for, from its command line: a township desk on its data folder (`--data
 * DIR`, INTAKE_DATA, else the user's config folder), or the county workstation on a county folder
 * (`--county DIR`, INTAKE_COUNTY; its database `--db FILE|postgres://…`, INTAKE_COUNTY_DB, else the
 * folder's county.db) — the same shell, host and renderer either way (issue 17). No Electron here,
 * so it is tested as it is.
 */
import path from 'node:path';
import { resolveDataDir, STAFF_FOLDER } from '../core/store/data-dir.js';

export interface LaunchTarget {
  /** The folder the host opens and the window's profile and kept secrets live under. */
  dataDir: string;
  /** Where the shell keeps the secrets it encrypts (safeStorage): beside the desk database the host opens. */
  keysDir: string;
  /** Set in county mode. */
  county?: { db?: string };
}

/** `--name VALUE` or `--name=VALUE`, wherever it sits in argv (Electron puts its own arguments first). */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i]!.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
  }
  return undefined;
}

export function launchTarget(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchTarget {
  const county = flagValue(argv, '--county') ?? (env.INTAKE_COUNTY || undefined);
  if (county === undefined) {
    const dataDir = resolveDataDir({ flag: flagValue(argv, '--data'), env });
    return { dataDir, keysDir: path.join(dataDir, 'keys') };
  }
  const dataDir = path.resolve(county);
  const db = flagValue(argv, '--db') ?? (env.INTAKE_COUNTY_DB || undefined);
  // The county's own keys (root, age identity) are files of the folder; what safeStorage keeps is the staff database's key.
  return { dataDir, keysDir: path.join(dataDir, STAFF_FOLDER, 'keys'), county: db === undefined ? {} : { db } };
}
