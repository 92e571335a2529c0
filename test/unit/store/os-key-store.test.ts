// Where browser mode and the CLI keep the database key. On Linux without a Secret Service the keyring
// binding would fall back to the kernel's keyutils keyring, which forgets everything at the next reboot:
// a desk that kept its key there could not open its own database after a restart. The key must land
// in the 0600 key file instead, and a key an earlier version left in the kernel keyring is moved there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Entry } from '@napi-rs/keyring';
import { afterEach, describe, expect, it } from 'vitest';
import { osKeyStore } from '../../../core/store/os-key-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const home = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
  dirs.push(d);
  return d;
};
const env = (xdg: string): NodeJS.ProcessEnv => ({ ...process.env, INTAKE_KEYS: undefined, XDG_DATA_HOME: xdg });

/** Does this machine have a Secret Service (a desktop's gnome-keyring or KWallet)? CI's containers do not. */
function secretService(): boolean {
  try {
    new Entry('township-intake-probe', 'probe', { linux: { store: 'secret-service' } }).getPassword();
    return true;
  } catch {
    return false;
  }
}

describe('the OS key store on Linux', () => {
  it.runIf(process.platform === 'linux')('keeps a key in the 0600 file, not in the kernel keyring, where no Secret Service answers', (ctx) => {
    if (secretService()) {
      console.log('os-key-store: skipped, this machine has a Secret Service, which keeps keys across reboots');
      ctx.skip();
    }
    const xdg = home();
    const name = `test-${randomBytes(6).toString('hex')}`;
    const store = osKeyStore({ env: env(xdg) });
    store.save(name, 'ab'.repeat(32));
    expect(store.kind).toBe('file');
    const file = path.join(xdg, 'township-intake', 'keys', `${name}.key`);
    expect(fs.readFileSync(file, 'utf8')).toBe('ab'.repeat(32));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Nothing went to the kernel keyring, which a reboot empties.
    let inKernel: string | null;
    try {
      inKernel = new Entry('township-intake', name, { linux: { store: 'keyutils' } }).getPassword();
    } catch {
      inKernel = null;
    }
    expect(inKernel).toBeNull();
    expect(osKeyStore({ env: env(xdg) }).load(name)).toBe('ab'.repeat(32));
  });

  it.runIf(process.platform === 'linux')('moves a key an earlier version left in the kernel keyring into the file', (ctx) => {
    const name = `test-${randomBytes(6).toString('hex')}`;
    const legacy = new Entry('township-intake', name, { linux: { store: 'keyutils' } });
    try {
      legacy.setPassword('cd'.repeat(32));
      if (legacy.getPassword() !== 'cd'.repeat(32)) throw new Error('not kept');
    } catch (err) {
      console.log(`os-key-store: skipped, the kernel keyring refuses this process (${(err as Error).message})`);
      ctx.skip();
    }
    const xdg = home();
    try {
      expect(osKeyStore({ env: env(xdg) }).load(name)).toBe('cd'.repeat(32));
      expect(fs.readFileSync(path.join(xdg, 'township-intake', 'keys', `${name}.key`), 'utf8')).toBe('cd'.repeat(32));
    } finally {
      try {
        legacy.deletePassword();
      } catch {
        // gone already
      }
    }
  });
});
