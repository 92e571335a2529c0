/**
 * Where the center's private signing key is kept. The core asks for it by name through this small
 * interface; the desktop app implements it with Electron's safeStorage (electron/key-storage.ts),
 * browser mode and the `intake` command with a file readable by this user only (mode 0600).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KeyStore } from '../kernel/key-store.js';


export const KEYS_FOLDER = 'keys';

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
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Keys as files `<dir>/<name>.key`, mode 0600, in a folder of mode 0700. */
export function fileKeyStore(dir: string): KeyStore {
  const file = (name: string) => path.join(dir, `${checkName(name)}.key`);
  return {
    kind: 'file',
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
