/**
 * Where browser mode and the `intake` command keep the database key: the OS keyring (Windows
 * Credential Manager, macOS Keychain, the Secret Service on a Linux desktop) through @napi-rs/keyring
 * when one answers, else a 0600 file in a 0700 folder of this user's, outside the data folder, so a
 * copy of the data folder (a USB stick, a backup tool, another account's `cp -r`) carries no key.
 * INTAKE_KEYS names that folder and turns the keyring off (tests; a county server's service account).
 * docs/security.md says what each protects against and what not.
 */
import os from 'node:os';
import path from 'node:path';
import { Entry } from '@napi-rs/keyring';
import type { KeyStore } from '../kernel/key-store.js';
import { fileKeyStore } from './private-file.js';

const KEYRING_SERVICE = 'township-intake';

/** The per-user folder for key files: never inside a data folder. */
export function keysHome(opts: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; home?: string } = {}): string {
  const env = opts.env ?? process.env;
  if (env.INTAKE_KEYS) return path.resolve(env.INTAKE_KEYS);
  const platform = opts.platform ?? process.platform;
  const home = opts.home ?? os.homedir();
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), 'township-intake', 'keys');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'township-intake-keys');
  return path.posix.join(env.XDG_DATA_HOME ?? path.posix.join(home, '.local', 'share'), 'township-intake', 'keys');
}

/**
 * The OS keyring's entry, or null where there is none that lasts. On Linux only the Secret Service
 * counts: without one the binding would fall back to the kernel's keyutils keyring, which lives in
 * memory and is gone at the next reboot (or with the login session) — and the database with it.
 */
function keyring(name: string): Entry | null {
  try {
    return new Entry(KEYRING_SERVICE, name, process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
  } catch {
    return null;
  }
}

/** Where an earlier version may have left a key on Linux without a Secret Service: the kernel keyring. */
function kernelKeyring(name: string): Entry | null {
  if (process.platform !== 'linux') return null;
  try {
    return new Entry(KEYRING_SERVICE, name, { linux: { store: 'keyutils' } });
  } catch {
    return null;
  }
}

/** The keyring when it answers, else key files in keysHome(); what was found where is what is used. */
export function osKeyStore(opts: { env?: NodeJS.ProcessEnv } = {}): KeyStore {
  const env = opts.env ?? process.env;
  const files = fileKeyStore(keysHome({ env }));
  const useKeyring = !env.INTAKE_KEYS;
  let lastKind: KeyStore['kind'] = 'file';
  return {
    get kind() {
      return lastKind;
    },
    savesAtOnce: true,
    load(name) {
      if (useKeyring) {
        try {
          const secret = keyring(name)?.getPassword();
          if (secret) {
            lastKind = 'keyring';
            return secret;
          }
        } catch {
          // no keyring on this machine (a server, a Linux desktop without a Secret Service)
        }
      }
      lastKind = 'file';
      const kept = files.load(name);
      if (kept !== null || !useKeyring) return kept;
      // A key an earlier version put in the kernel keyring (until this boot only): moved into the file now.
      try {
        const legacy = kernelKeyring(name)?.getPassword();
        if (legacy) {
          files.save(name, legacy);
          return legacy;
        }
      } catch {
        // none there either
      }
      return null;
    },
    save(name, secret) {
      if (useKeyring) {
        try {
          const entry = keyring(name);
          entry?.setPassword(secret);
          if (entry && entry.getPassword() === secret) {
            lastKind = 'keyring';
            return;
          }
        } catch {
          // fall through to the file
        }
      }
      files.save(name, secret);
      lastKind = 'file';
    },
    remove(name) {
      if (useKeyring) {
        try {
          keyring(name)?.deletePassword();
        } catch {
          // nothing kept there
        }
      }
      files.remove(name);
    },
  };
}
