/**
 * The renderer's one seam to the core. Types come from the contract; the transport is Electron IPC
 * (window.intake, exposed by the preload) or, in browser mode and tests, POST /api/<method> on the
 * loopback shell with the token the page was served with.
 */
import type { CallResult, Input, MethodName, Output } from '../../core/api/contract';

interface Bridge {
  call(method: string, input: unknown, session?: string | null): Promise<unknown>;
}

declare global {
  interface Window {
    intake?: Bridge;
  }
}

const NETWORK_FAILURE = { ok: false, code: 'NETWORK', message_zh: '与本机服务的连接中断，请重新打开信访接待台' } as const;

/**
 * The sign-in token. Session storage survives a reload of the page but not closing the window, and
 * the core forgets every session when it restarts.
 */
const SESSION_KEY = 'intake.session';
let session: string | null = sessionStorage.getItem(SESSION_KEY);
export function setSession(token: string | null): void {
  session = token;
  if (token) sessionStorage.setItem(SESSION_KEY, token);
  else sessionStorage.removeItem(SESSION_KEY);
}

/** The auth store listens here to show the sign-in or unlock screen when the core says so. */
type SessionListener = (code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'SESSION_LOCKED' | 'PASSWORD_CHANGE_REQUIRED') => void;
let sessionListener: SessionListener = () => undefined;
export function onSessionProblem(fn: SessionListener): void {
  sessionListener = fn;
}
const SESSION_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED']);

function token(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="intake-token"]')?.content ?? '';
}

async function overHttp(method: string, input: unknown): Promise<unknown> {
  const res = await fetch(`./api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-intake-token': token(), ...(session ? { 'x-intake-session': session } : {}) },
    body: JSON.stringify(input ?? {}),
  });
  if (res.status === 401) return { ok: false, code: 'PAGE_EXPIRED', message_zh: '页面凭证已失效，请刷新页面' };
  if (!res.ok) return { ok: false, code: 'REQUEST_REFUSED', message_zh: `请求被拒绝（${res.status}）` };
  return res.json();
}

export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<CallResult<Output<M>>> {
  let result: CallResult<Output<M>>;
  try {
    const raw = window.intake ? await window.intake.call(method, input, session) : await overHttp(method, input);
    result = raw as CallResult<Output<M>>;
  } catch {
    return NETWORK_FAILURE;
  }
  if (!result.ok && SESSION_CODES.has(result.code)) sessionListener(result.code as Parameters<SessionListener>[0]);
  return result;
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
