import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'township-intake';
export const DB_FILE = 'intake.db';

/**
 * Where the desk keeps its data: `--data DIR`, else INTAKE_DATA, else the per-user application-data
 * folder (the same place Electron's app.getPath('appData') points to, so app and CLI agree).
 */
export function resolveDataDir(opts: {
  flag?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
} = {}): string {
  const env = opts.env ?? process.env;
  if (opts.flag) return path.resolve(opts.flag);
  if (env.INTAKE_DATA) return path.resolve(env.INTAKE_DATA);
  const platform = opts.platform ?? process.platform;
  const home = opts.home ?? os.homedir();
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER);
}
