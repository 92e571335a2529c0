import type { KeyStore } from '../kernel/key-store.js';

/**
 * A key store whose secrets the shell holds: loaded from what the shell handed over at start, every
 * change reported to the shell to keep (Electron encrypts it with safeStorage in the main process).
 */
export function relayKeyStore(initial: Record<string, string>, persist: (name: string, secret: string | null) => void): KeyStore {
  const secrets = new Map(Object.entries(initial));
  return {
    kind: 'safeStorage',
    load: (name) => secrets.get(name) ?? null,
    save: (name, secret) => {
      secrets.set(name, secret);
      persist(name, secret);
    },
    remove: (name) => {
      secrets.delete(name);
      persist(name, null);
    },
  };
}
