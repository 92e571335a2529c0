import type { KeyStore } from '../kernel/key-store.js';

/**
 * A key store whose secrets the shell holds: loaded from what the shell handed over at start, every
 * change reported to the shell to keep (Electron encrypts it with safeStorage in the main process).
 *
 * `unavailable` is the shell's reason it cannot keep a secret (no OS encryption). Then saving throws,
 * as the in-process safeStorage store does: a key the shell cannot keep would live only in this
 * process's memory, and its public half in the database would outlive it (a center that cannot sign).
 */
export function relayKeyStore(initial: Record<string, string>, persist: (name: string, secret: string | null) => void, unavailable: string | null = null): KeyStore {
  const secrets = new Map(Object.entries(initial));
  return {
    kind: 'safeStorage',
    savesAtOnce: false,
    canSave: !unavailable,
    load: (name) => secrets.get(name) ?? null,
    save: (name, secret) => {
      if (unavailable) throw new Error(`Cannot keep the signing key on this machine: ${unavailable}. It will not be stored in plain text.`);
      secrets.set(name, secret);
      persist(name, secret);
    },
    remove: (name) => {
      secrets.delete(name);
      persist(name, null);
    },
  };
}
