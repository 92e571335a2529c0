// The signing key when the core runs in a utility process and safeStorage stays in main: main hands the
// host its kept secrets and whether it can keep a new one; the host never makes a key main cannot keep.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../core/app.js';
import { centerAgeIdentities, centerKeyInfo } from '../../../core/bundle/center-keys.js';
import { relayKeyStore } from '../../../core/host/relay-key-store.js';
import { createLogger } from '../../../core/kernel/log.js';
import { hostStartOptions, keepSecret } from '../../../electron/host-relay.js';
import { fixedClock, tempDir } from '../../helpers/core.js';

const open = (dataDir: string, secrets: Record<string, string>, persist: (n: string, s: string | null) => void, unavailable: string | null) =>
  openCore({ dataDir, clock: fixedClock('2026-11-24T09:00:00+08:00'), log: createLogger(null, 'silent'), keyStore: relayKeyStore(secrets, persist, unavailable) });

describe('secrets relayed between main and the core host', () => {
  it('makes the key once, sends it to main to keep, and signs with it again after a restart', () => {
    const dataDir = tempDir();
    const kept = new Map<string, string | null>();
    const first = open(dataDir, {}, (n, s) => kept.set(n, s), null);
    const made = centerKeyInfo(first.ctx);
    first.close();
    expect(made).toMatchObject({ storage: 'safeStorage', available: true });
    // The signing key, its age identity (what the county sends down opens with it), the database key and the receipt key, all kept by main.
    expect([...kept.keys()].map((n) => n.replace(/-[0-9a-f]+$/, '')).sort()).toEqual(['age', 'database', 'receipt', 'signing']);

    const secrets = Object.fromEntries([...kept].filter((e): e is [string, string] => e[1] !== null));
    const again = open(dataDir, secrets, (n, s) => kept.set(n, s), null);
    expect(centerKeyInfo(again.ctx)).toMatchObject({ fingerprint: made!.fingerprint, available: true, recipient: made!.recipient });
    expect(centerAgeIdentities(again.ctx).map((i) => i.recipient)).toEqual([made!.recipient]);
    again.close();
    expect(kept.size).toBe(4); // nothing new made at the restart
  });

  it('makes no key when main cannot keep one, so no public key outlives a secret held only in memory', () => {
    const kept: string[] = [];
    const core = open(tempDir(), {}, (n) => kept.push(n), 'no system keyring was found');
    expect(centerKeyInfo(core.ctx)).toBeNull();
    core.close();
    expect(kept).toEqual([]);
  });

  it('starts the host without the secrets main cannot read, and says why', () => {
    const warnings: string[] = [];
    const options = hostStartOptions(
      { dataDir: '/data', dailyBackup: true },
      () => {
        throw new Error('keyring locked');
      },
      'the operating system offers no encryption to this app',
      (m) => warnings.push(m),
    );
    expect(options).toEqual({ dataDir: '/data', dailyBackup: true, secrets: {}, secretsUnavailable: 'the operating system offers no encryption to this app' });
    expect(warnings).toEqual([expect.stringContaining('keyring locked')]);
    expect(hostStartOptions({ dataDir: '/data' }, () => ({ k: 'v' }), null, () => undefined)).toEqual({ dataDir: '/data', secrets: { k: 'v' }, secretsUnavailable: null });
  });

  it('keeps and removes what the host sends back, and reports a failure instead of throwing into main', () => {
    const calls: string[] = [];
    const warnings: string[] = [];
    const keep = keepSecret(
      {
        save: (n, s) => {
          if (s === 'bad') throw new Error('disk full');
          calls.push(`save ${n}`);
        },
        remove: (n) => calls.push(`remove ${n}`),
      },
      (m) => warnings.push(m),
    );
    keep('center-key-a', 'SECRET');
    keep('center-key-a', null);
    expect(() => keep('center-key-b', 'bad')).not.toThrow();
    expect(calls).toEqual(['save center-key-a', 'remove center-key-a']);
    expect(warnings).toEqual([expect.stringContaining('disk full')]);
  });
});
