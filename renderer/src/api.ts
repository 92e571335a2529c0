/**
 * The renderer's one seam to the core. Types come from the contract; the transport is Electron IPC
 * (window.intake, exposed by the preload and typed by its IntakeBridge) or, in browser mode and
 * tests, POST /api/<method> on the loopback shell. There the page proves itself with the HttpOnly cookie
 * it got by opening the one-time address the launch printed (core/http/launch.ts): the page never
 * sees that token, and fetch sends the cookie on its own (same origin).
 */
import type { CallFailure, CallResult, ErrorCode, Input, MethodName, Output } from '../../core/api/contract';
import type { IntakeBridge } from '../../electron/intake-api';

declare global {
  interface Window {
    intake?: IntakeBridge;
  }
}

/** The shell restarted (a new page token) or the page was opened without the printed address. */
const PAGE_EXPIRED_ZH = '页面凭证已失效，请使用启动信访接待台的窗口中打印的地址重新打开';
const NETWORK_FAILURE: CallFailure = { ok: false, code: 'NETWORK', message_zh: '与本机服务的连接中断，请重新打开信访接待台' };

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

/** The codes that mean "this session cannot call now"; the auth store shows the matching screen. */
const SESSION_CODES = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED'] as const satisfies readonly ErrorCode[];
export type SessionProblem = (typeof SESSION_CODES)[number];
const isSessionProblem = (code: ErrorCode): code is SessionProblem => (SESSION_CODES as readonly ErrorCode[]).includes(code);

/** The auth store listens here to show the sign-in or unlock screen when the core says so. */
type SessionListener = (code: SessionProblem) => void;
let sessionListener: SessionListener = () => undefined;
export function onSessionProblem(fn: SessionListener): void {
  sessionListener = fn;
}

/** The loopback shell speaks the same CallResult as the bridge; JSON is where the type is asserted. */
async function overHttp<M extends MethodName>(method: M, input: Input<M>): Promise<CallResult<Output<M>>> {
  const res = await fetch(`./api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { 'x-intake-session': session } : {}) },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? {}),
  });
  if (res.status === 401) return { ok: false, code: 'PAGE_EXPIRED', message_zh: PAGE_EXPIRED_ZH };
  if (!res.ok) return { ok: false, code: 'REQUEST_REFUSED', message_zh: `请求被拒绝（${res.status}）` };
  return (await res.json()) as CallResult<Output<M>>;
}

export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<CallResult<Output<M>>> {
  let result: CallResult<Output<M>>;
  try {
    result = window.intake ? await window.intake.call(method, input, session) : await overHttp(method, input);
  } catch {
    return NETWORK_FAILURE;
  }
  if (!result.ok && isSessionProblem(result.code)) sessionListener(result.code);
  return result;
}

/** Throws the failure so a page can use try/catch where a missing value is unrecoverable. */
export class CallError extends Error {
  constructor(readonly failure: CallFailure) {
    super(failure.message_zh);
  }
}

export async function callOrThrow<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = await call(method, input);
  if (!result.ok) throw new CallError(result);
  return result.value;
}
