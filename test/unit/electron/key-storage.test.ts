import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import {
  KeyStorageUnavailableError,
  encryptionProblem,
  loadSecret,
  safeStorageKeyStore,
  storeSecret,
  type SafeStorageLike,
} from '../../../electron/key-storage.js';

/** Reversible stand-in for the OS: enough to prove the file never holds the plain secret. */
function fakeSafeStorage(available = true, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s, 'utf8').toString('base64')}`),
    decryptString: (b) => {
      const text = b.toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('not ours');
      return Buffer.from(text.slice(4), 'base64').toString('utf8');
    },
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

const SECRET = 'center-signing-key-签名密钥';
let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-keys-'));
  file = path.join(dir, 'keys', 'signing-key.bin');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('key storage', () => {
  it('round-trips a secret without writing it in plain text', () => {
    const safe = fakeSafeStorage();
    storeSecret(safe, file, SECRET);
    expect(fs.readFileSync(file).includes(Buffer.from(SECRET, 'utf8'))).toBe(false);
    expect(loadSecret(safe, file)).toBe(SECRET);
  });

  it('replaces a stored secret and leaves no temporary file', () => {
    const safe = fakeSafeStorage();
    storeSecret(safe, file, 'old');
    storeSecret(safe, file, SECRET);
    expect(loadSecret(safe, file)).toBe(SECRET);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['signing-key.bin']);
  });

  it.skipIf(process.platform === 'win32')('writes the file readable by its owner only', () => {
    storeSecret(fakeSafeStorage(), file, SECRET);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('returns null when nothing is stored yet', () => {
    expect(loadSecret(fakeSafeStorage(), file)).toBeNull();
  });

  it('refuses to store when encryption is unavailable, and writes nothing', () => {
    expect(() => storeSecret(fakeSafeStorage(false), file, SECRET)).toThrow(KeyStorageUnavailableError);
    expect(() => storeSecret(fakeSafeStorage(false), file, SECRET)).toThrow(/not be stored in plain text/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses to read when encryption has become unavailable', () => {
    storeSecret(fakeSafeStorage(), file, SECRET);
    expect(() => loadSecret(fakeSafeStorage(false), file)).toThrow(KeyStorageUnavailableError);
  });

  it("treats Linux's built-in-password backend as no encryption", () => {
    expect(encryptionProblem(fakeSafeStorage(true, 'basic_text'), 'linux')).toMatch(/keyring/);
    expect(encryptionProblem(fakeSafeStorage(true, 'gnome_libsecret'), 'linux')).toBeNull();
    expect(encryptionProblem(fakeSafeStorage(true), 'win32')).toBeNull();
    expect(encryptionProblem(fakeSafeStorage(false), 'darwin')).toMatch(/unavailable/);
  });
});

describe('the core key store on safeStorage', () => {
  it('keeps each key as an encrypted file, and refuses rather than write one in plain text', () => {
    const store = safeStorageKeyStore(fakeSafeStorage(), path.join(dir, 'keys'));
    expect(store.kind).toBe('safeStorage');
    expect(store.load('signing-abc')).toBeNull();
    store.save('signing-abc', SECRET);
    expect(fs.readFileSync(path.join(dir, 'keys', 'signing-abc.safe')).includes(Buffer.from(SECRET, 'utf8'))).toBe(false);
    expect(store.load('signing-abc')).toBe(SECRET);
    store.remove('signing-abc');
    expect(store.load('signing-abc')).toBeNull();
    const none = safeStorageKeyStore(fakeSafeStorage(false), path.join(dir, 'keys'));
    expect(() => none.save('signing-abc', SECRET)).toThrow(KeyStorageUnavailableError);
    expect(() => store.load('../escape')).toThrow(/bad key name/);
  });

  it('moves a key made in browser mode (a plain 0600 file) into safeStorage when the app first reads it', () => {
    fs.mkdirSync(path.join(dir, 'keys'));
    fs.writeFileSync(path.join(dir, 'keys', 'signing-abc.key'), SECRET, { mode: 0o600 });
    const store = safeStorageKeyStore(fakeSafeStorage(), path.join(dir, 'keys'));
    expect(store.load('signing-abc')).toBe(SECRET);
    expect(fs.existsSync(path.join(dir, 'keys', 'signing-abc.key'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'keys', 'signing-abc.safe'))).toBe(true);
    expect(store.load('signing-abc')).toBe(SECRET);
  });
});
