/**
 * Main's side of the relay to the core host (a utility process): each renderer call is posted with an
 * id and answered when the host replies. Main holds no business rule and no database.
 */
import type { CallResult } from '../core/api/contract/index.js';
import type { HostOptions } from '../core/host/protocol.js';
import type { FromHost, ToHost } from '../core/host/utility-entry.js';
import type { KeyStore } from '../core/kernel/key-store.js';

export interface HostPort {
  postMessage(message: ToHost): void;
}

export interface HostRelay {
  call(token: string | null, method: string, input: unknown): Promise<CallResult<unknown>>;
  /** Feed every message from the host here. */
  onMessage(message: FromHost): void;
  /** The host is gone: every waiting call is answered with a failure. */
  onExit(): void;
}

export function createHostRelay(port: HostPort, keep: (name: string, secret: string | null) => void): HostRelay {
  let next = 1;
  const pending = new Map<number, (r: CallResult<unknown>) => void>();
  const gone: CallResult<unknown> = { ok: false, code: 'NETWORK', message_zh: '与本机服务的连接中断，请重新打开信访接待台' };
  let exited = false;
  return {
    call(token, method, input) {
      if (exited) return Promise.resolve(gone);
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        port.postMessage({ type: 'call', id, token, method, input });
      });
    },
    onMessage(m) {
      if (m.type === 'result') {
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
      } else if (m.type === 'secret') keep(m.name, m.secret);
    },
    onExit() {
      exited = true;
      for (const r of pending.values()) r(gone);
      pending.clear();
    },
  };
}

/**
 * Why key storage is relayed, not moved: safeStorage exists only in Electron's main process, and a
 * utility process cannot reach it. So main decrypts the kept secrets once and hands them to the host
 * with its start options, and says whether it can keep a new one (`secretsUnavailable`, the
 * encryption problem or null): the host then refuses to make a key main cannot keep, as the
 * in-process store did, instead of holding one in memory only. A secret that cannot be decrypted
 * here (a keyring gone) is left out, so the desk still starts and says the key is not available.
 */
export function hostStartOptions(
  base: Omit<HostOptions, 'secrets' | 'secretsUnavailable'>,
  load: () => Record<string, string>,
  problem: string | null,
  warn: (message: string) => void,
): HostOptions {
  let secrets: Record<string, string> = {};
  try {
    secrets = load();
  } catch (err) {
    warn(`the kept secrets could not be read (${(err as Error).message}); starting without them`);
  }
  return { ...base, secrets, secretsUnavailable: problem };
}

/** Keeps a secret the host sent back; a failure is reported, never thrown into main's message loop. */
export function keepSecret(store: Pick<KeyStore, 'save' | 'remove'>, warn: (message: string) => void): (name: string, secret: string | null) => void {
  return (name, secret) => {
    try {
      if (secret === null) store.remove(name);
      else store.save(name, secret);
    } catch (err) {
      warn(`secret ${name} could not be kept: ${(err as Error).message}`);
    }
  };
}
