import { isAppUrl } from './navigation-policy.js';

/**
 * Only our own page in the window's top frame may call the core. An iframe or a page that somehow
 * navigated elsewhere is refused even though it shares the preload.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/** Structural slice of IpcMainInvokeEvent, so the check is testable without Electron. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}
export interface IpcEventLike {
  senderFrame: SenderFrameLike | null;
}

/** senderFrame is null once the frame has navigated away, and reading a disposed frame throws. */
export function isTrustedIpcEvent(event: IpcEventLike): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && isTrustedSender(frame.url, frame.parent === null);
  } catch {
    return false;
  }
}

export interface CallPayload {
  method: string;
  input: unknown;
  /** The renderer's sign-in token, or null before signing in. */
  session: string | null;
}

/**
 * Shape check only (`invoke(channel, method, input, session)`); the dispatcher looks the method up and
 * validates the input against the contract.
 */
export function parseCallPayload(args: readonly unknown[]): CallPayload | null {
  if (args.length < 1 || args.length > 3) return null;
  const [method, input, session] = args;
  if (typeof method !== 'string') return null;
  if (session !== undefined && session !== null && typeof session !== 'string') return null;
  return { method, input, session: session ?? null };
}
