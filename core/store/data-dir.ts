import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'township-intake';
export const DB_FILE = 'intake.db';
/** In a county folder, the county staff's own desk database (accounts, sessions, audit). */
export const STAFF_FOLDER = 'staff';

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

/**
 * Files only their owner can read. The data folder is 0700 and everything in it 0600 (folders 0700):
 * database, WAL, SHM, logs, keys, attachments, exports, backups. Each writer sets the mode when it
 * creates a file; this repairs what an older version, a copy or a restore left wider, and is called
 * when the core opens (core/app.ts) and when a county folder opens. Symbolic links are not followed.
 * On Windows modes mean little: the per-user %APPDATA% folder is already private to the account
 * (docs/security.md says how to set the ACL on a folder given with --data).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function repairOwnerOnly(root: string): { repaired: number } {
  let repaired = 0;
  if (process.platform === 'win32') return { repaired };
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return; // gone meanwhile
    }
    if (st.isSymbolicLink()) return;
    const want = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((st.mode & 0o777) !== want && (st.isDirectory() || st.isFile())) {
      try {
        fs.chmodSync(p, want);
        repaired++;
      } catch {
        // not ours (another account's file): nothing this process may do about it
      }
    }
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(root);
  return { repaired };
}

/** Creates an empty file readable by its owner only, unless it exists (SQLite gives its -wal and -shm the database file's mode). */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** The data folder, made (0700) if missing and repaired to owner-only; the database file made 0600 before SQLite opens it. */
export function secureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  repairOwnerOnly(dataDir);
  createPrivateFile(path.join(dataDir, DB_FILE));
}
