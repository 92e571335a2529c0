/**
 * A restore from the UI closes the desk and opens it again, so the page that asked for it loses its
 * session on the way. What it waits for survives in sessionStorage: the sign-in screen then waits
 * for the desk to report a newer restore and says how it ended.
 */
import type { SystemInfo } from '../../core/api/contract';
import { call } from './api';

const KEY = 'intake.restoring';

/** `since`: the last restore the desk reported before this one was asked for. */
export function markRestoring(since: string | null): void {
  sessionStorage.setItem(KEY, JSON.stringify({ since }));
}

export function restoringSince(): { since: string | null } | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { since?: unknown } | null;
    return v && (typeof v.since === 'string' || v.since === null) ? { since: v.since } : null;
  } catch {
    return null;
  }
}

export const clearRestoring = (): void => sessionStorage.removeItem(KEY);

/** Asks until the desk reports a restore newer than `since` (each ask waits while the desk is closed). */
export async function waitForRestore(since: string | null, pauseMs = 500): Promise<NonNullable<SystemInfo['lastRestore']>> {
  for (;;) {
    const r = await call('system.info', {});
    if (r.ok && r.value.lastRestore && r.value.lastRestore.at !== since) return r.value.lastRestore;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
