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
export const getSession = (): string | null => session;
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
  // The shell's own refusals (400 malformed, 413 too large) carry a code and a Chinese message.
  if (!res.ok && (res.headers.get('content-type') ?? '').startsWith('application/json')) return (await res.json()) as CallFailure;
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

/** What the core keeps of one uploaded file until the registration names it. */
export interface StagedFile {
  stagingId: string;
  fileName: string;
  mime: string;
  size: number;
}

/**
 * Sends one file to the core as a file (never inside a call): browser mode streams it to POST /upload
 * with the page cookie and the session, reporting progress; `held` are the staged ids the form already
 * holds, so the core checks the registration's total. Resolves with the staged file or the refusal.
 */
export function uploadFile(file: File, held: string[], onProgress: (loaded: number, total: number) => void): { done: Promise<CallResult<StagedFile>>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<CallResult<StagedFile>>((resolve) => {
    xhr.open('POST', './upload');
    // The page cookie (HttpOnly, set by the printed address) goes along by itself: same origin.
    if (session) xhr.setRequestHeader('x-intake-session', session);
    xhr.setRequestHeader('x-intake-file-name', encodeURIComponent(file.name));
    if (held.length > 0) xhr.setRequestHeader('x-intake-held', held.join(','));
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status === 401) return resolve({ ok: false, code: 'PAGE_EXPIRED', message_zh: PAGE_EXPIRED_ZH });
      let body: CallResult<StagedFile> | null;
      try {
        body = JSON.parse(xhr.responseText) as CallResult<StagedFile>;
      } catch {
        body = null;
      }
      if (body && typeof body === 'object' && 'ok' in body) {
        if (!body.ok && isSessionProblem(body.code)) sessionListener(body.code);
        return resolve(body);
      }
      resolve({ ok: false, code: 'REQUEST_REFUSED', message_zh: `附件上传被拒绝（${xhr.status}）` });
    };
    xhr.onerror = () => resolve({ ok: false, code: 'NETWORK', message_zh: `附件“${file.name}”上传中断，请重试` });
    xhr.onabort = () => resolve({ ok: false, code: 'NETWORK', message_zh: '已取消上传' });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** A stored attachment's bytes, for a thumbnail or the PDF viewer (GET /attachment/<id>). */
export async function fetchAttachment(attachmentId: number): Promise<Blob | null> {
  try {
    const res = await fetch(`./attachment/${attachmentId}`, { headers: session ? { 'x-intake-session': session } : {} });
    return res.ok ? await res.blob() : null;
  } catch {
    return null;
  }
}
