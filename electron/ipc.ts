import type { CallFailure, CallResult } from '../core/api/contract/index.js';
import { parseCallPayload } from './ipc-sender.js';

/** The one channel: every contract method travels over it as (method, input, session token). */
export const CHANNEL = 'intake:call';

export const FORBIDDEN: CallFailure = { ok: false, code: 'FORBIDDEN', message_zh: '请求来源不受信任，已拒绝' };
export const BAD_REQUEST: CallFailure = { ok: false, code: 'INVALID_INPUT', message_zh: '请求格式不正确' };

/** Structural slice of Electron's ipcMain, so tests pass a fake. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

/** Where calls go: the relay to the core host (electron/host-relay.ts). */
export interface CallTarget {
  call(token: string | null, method: string, input: unknown): Promise<CallResult<unknown>>;
}

export function registerIpc<E>(ipcMain: IpcMainLike<E>, core: CallTarget, isTrustedSender: (event: E) => boolean): void {
  ipcMain.handle(CHANNEL, (event, ...args) => {
    if (!isTrustedSender(event)) return FORBIDDEN;
    const payload = parseCallPayload(args);
    if (!payload) return BAD_REQUEST;
    // The renderer holds its sign-in token and sends it with every call; the core checks it.
    return core.call(payload.session ?? null, payload.method, payload.input);
  });
}
