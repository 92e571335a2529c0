/**
 * The desk needs a signed-in user (issue 8). The bench signs in as the e2e admin, created in its
 * scratch data folder through the real `intake admin create`, exactly as the e2e tests do.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { E2E_ADMIN } from '../../test/e2e/server.js';
import { SESSION_HEADER } from '../../core/http/security.js';
import { ROOT } from './dataset.js';

export const BENCH_USER = E2E_ADMIN;

export function createAdmin(dataDir: string): void {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'out/node/core/cli/main.js'), 'admin', 'create', '--data', dataDir, '--username', BENCH_USER.username, '--name', BENCH_USER.name, '--password-stdin'],
    { input: `${BENCH_USER.password}\n`, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`intake admin create failed: ${r.stderr}`);
}

/** Signs in to a running shell the way the page does (with the page cookie of its printed address) and returns the session token. */
export async function signIn(url: string, cookie: { name: string; value: string }): Promise<string> {
  const res = await fetch(new URL('api/auth.login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${cookie.name}=${cookie.value}` },
    body: JSON.stringify({ username: BENCH_USER.username, password: BENCH_USER.password }),
  });
  const r = (await res.json()) as { ok: boolean; value?: { token: string }; code?: string };
  if (!r.ok || !r.value) throw new Error(`auth.login: ${r.code}`);
  return r.value.token;
}

export { SESSION_HEADER };
