/**
 * The renderer's one seam to the core. Types come from the contract; the transport is Electron IPC
 * (window.intake, exposed by the preload) or, in browser mode and tests, POST /api/<method> on the
 * loopback shell with the token the page was served with.
 */
import type { CallResult, Input, MethodName, Output } from '../../core/api/contract';

interface Bridge {
  call(method: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    intake?: Bridge;
  }
}

const NETWORK_FAILURE = { ok: false, code: 'NETWORK', message_zh: '与本机服务的连接中断，请重新打开信访接待台' } as const;

function token(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="intake-token"]')?.content ?? '';
}

async function overHttp(method: string, input: unknown): Promise<unknown> {
  const res = await fetch(`./api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-intake-token': token() },
    body: JSON.stringify(input ?? {}),
  });
  if (res.status === 401) return { ok: false, code: 'UNAUTHORIZED', message_zh: '页面凭证已失效，请刷新页面' };
  if (!res.ok) return { ok: false, code: `HTTP_${res.status}`, message_zh: `请求被拒绝（${res.status}）` };
  return res.json();
}

export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<CallResult<Output<M>>> {
  try {
    const raw = window.intake ? await window.intake.call(method, input) : await overHttp(method, input);
    return raw as CallResult<Output<M>>;
  } catch {
    return NETWORK_FAILURE;
  }
}

/** Throws the failure so a page can use try/catch where a missing value is unrecoverable. */
export class CallError extends Error {
  constructor(readonly failure: Extract<CallResult<unknown>, { ok: false }>) {
    super(failure.message_zh);
  }
}

export async function callOrThrow<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = await call(method, input);
  if (!result.ok) throw new CallError(result);
  return result.value;
}
