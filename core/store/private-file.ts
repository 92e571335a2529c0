/**
 * Files readable by their owner only, and a key store made of such files (`<dir>/<name>.key`, mode
 * 0600, in a folder of mode 0700): the center's signing key in browser mode and the CLI, and the
 * database key where no OS keyring answers (core/store/os-key-store.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KeyStore } from '../kernel/key-store.js';

function checkName(name: string): string {
  if (!/^[a-z0-9-]{1,80}$/.test(name)) throw new Error(`bad key name ${name}`);
  return name;
}

/** Writes a file readable by this user only: a fresh inode ('wx'), chmod (umask filters mode), rename. */
export function writePrivateFile(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
    syncFolder(path.dirname(file)); // the rename itself must survive a power cut: a lost key is lost data
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Flushes a folder's entries (a rename) to the disk; a no-op where folders cannot be opened (Windows). */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder to flush it; NTFS journals the rename.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Keys as files `<dir>/<name>.key`, mode 0600, in a folder of mode 0700. */
export function fileKeyStore(dir: string): KeyStore {
  const file = (name: string) => path.join(dir, `${checkName(name)}.key`);
  return {
    kind: 'file',
    savesAtOnce: true,
    load(name) {
      try {
        return fs.readFileSync(file(name), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    save(name, secret) {
      writePrivateFile(file(name), secret);
    },
    remove(name) {
      fs.rmSync(file(name), { force: true });
    },
  };
}
