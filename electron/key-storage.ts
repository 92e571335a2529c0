import fs from 'node:fs';
import path from 'node:path';
import type { KeyStore } from '../core/kernel/key-store.js';

/** The slice of Electron's safeStorage this module needs; tests pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; 'basic_text' means a hard-coded password, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

export class KeyStorageUnavailableError extends Error {
  constructor(reason: string) {
    super(`Cannot keep the signing key on this machine: ${reason}. It will not be stored in plain text.`);
    this.name = 'KeyStorageUnavailableError';
  }
}

/** Why encryption cannot protect a secret here, or null when it can. */
export function encryptionProblem(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): string | null {
  if (!safe.isEncryptionAvailable()) return 'the operating system offers no encryption to this app (safeStorage unavailable)';
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no system keyring was found (safeStorage would fall back to a built-in password)';
  }
  return null;
}

function requireEncryption(safe: SafeStorageLike): void {
  const problem = encryptionProblem(safe);
  if (problem) throw new KeyStorageUnavailableError(problem);
}

/**
 * Writes the encrypted secret, readable by this user only. Written to a temporary file and renamed,
 * so a crash never leaves half a key behind.
 */
export function storeSecret(safe: SafeStorageLike, file: string, secret: string): void {
  requireEncryption(safe);
  const encrypted = safe.encryptString(secret);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    // 'wx': a fresh inode, so nobody can have opened it beforehand; chmod because umask filters mode.
    fs.writeFileSync(tmp, encrypted, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** The stored secret, or null when none has been stored yet. */
export function loadSecret(safe: SafeStorageLike, file: string): string | null {
  let encrypted: Buffer;
  try {
    encrypted = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  requireEncryption(safe);
  return safe.decryptString(encrypted);
}

/**
 * The core's KeyStore (core/bundle/key-store.ts) on top of safeStorage: each key is an encrypted
 * file `<dir>/<name>.safe`. Without real OS encryption, saving throws KeyStorageUnavailableError
 * rather than keep the key in plain text; the desk then starts without a signing key and says why.
 */
export function safeStorageKeyStore(safe: SafeStorageLike, dir: string): KeyStore {
  const file = (name: string) => {
    if (!/^[a-z0-9-]{1,80}$/.test(name)) throw new Error(`bad key name ${name}`);
    return path.join(dir, `${name}.safe`);
  };
  return {
    kind: 'safeStorage',
    load: (name) => {
      const secret = loadSecret(safe, file(name));
      if (secret !== null) return secret;
      // A key made in browser mode (a 0600 file, core/bundle/key-store.ts) moves into safeStorage.
      const plain = path.join(dir, `${name}.key`);
      if (!fs.existsSync(plain)) return null;
      const moved = fs.readFileSync(plain, 'utf8');
      storeSecret(safe, file(name), moved);
      fs.rmSync(plain);
      return moved;
    },
    save: (name, secret) => storeSecret(safe, file(name), secret),
    remove: (name) => fs.rmSync(file(name), { force: true }),
  };
}

/**
 * Every secret in the folder, decrypted, for the core host: safeStorage exists only in Electron's main
 * process, so main hands the host what it keeps at start and stores what the host sends back.
 */
export function loadAllSecrets(store: KeyStore, dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const names = new Set(
    fs
      .readdirSync(dir)
      .map((f) => /^([a-z0-9-]{1,80})\.(?:safe|key)$/.exec(f)?.[1])
      .filter((n): n is string => n !== undefined),
  );
  const out: Record<string, string> = {};
  for (const name of names) {
    const secret = store.load(name);
    if (secret !== null) out[name] = secret;
  }
  return out;
}
