/**
 * Main's side of the relay to the core host (a utility process): each renderer call is posted with an
 * id and answered when the host replies. Main holds no business rule and no database.
 */
import type { CallResult } from '../core/api/contract/index.js';
import type { FromHost, ToHost } from '../core/host/utility-entry.js';

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
