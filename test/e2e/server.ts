import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestServer {
  url: string;
  dataDir: string;
  /** The first admin's setup code the server printed (on a fresh data folder). */
  setupCode: string | null;
  /** The one-time address the server printed (already used unless `exchange: false`). */
  openUrl: string;
  /** The page cookie the printed address was traded for (null with `exchange: false`). */
  cookie: { name: string; value: string } | null;
  stop(): Promise<void>;
}

/**
 * The page cookies of the servers started so far, as a Playwright storage state: playwright.config.ts
 * names this file, and Playwright reads it for every new browser context, so each test's page holds
 * the cookie its server gave for the printed address (cookies are per port: see core/http/launch.ts).
 */
export const STORAGE_STATE = path.resolve(import.meta.dirname, '../../test-results/e2e-storage.json');

function rememberCookie(cookie: { name: string; value: string }): void {
  type State = { cookies: Record<string, unknown>[]; origins: unknown[] };
  const state: State = fs.existsSync(STORAGE_STATE) ? (JSON.parse(fs.readFileSync(STORAGE_STATE, 'utf8')) as State) : { cookies: [], origins: [] };
  state.cookies = state.cookies.filter((c) => c.name !== cookie.name);
  state.cookies.push({ ...cookie, domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Strict' });
  fs.mkdirSync(path.dirname(STORAGE_STATE), { recursive: true });
  fs.writeFileSync(STORAGE_STATE, JSON.stringify(state));
}

/** Trades a printed one-time address for the page cookie, as the page at /open does. */
export async function exchangeOpenUrl(openUrl: string): Promise<{ name: string; value: string }> {
  const u = new URL(openUrl);
  const res = await fetch(new URL('/session', u), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: u.origin },
    body: JSON.stringify({ code: u.hash.slice(1) }),
  });
  const set = res.headers.get('set-cookie');
  const m = set ? /^([^=;]+)=([^;]*)/.exec(set) : null;
  if (res.status !== 204 || !m) throw new Error(`the printed address was refused: ${res.status}`);
  return { name: m[1]!, value: m[2]! };
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVE = path.join(ROOT, 'out/node/core/http/serve.js');
const CLI = path.join(ROOT, 'out/node/core/cli/main.js');

/** The admin every e2e data folder starts with, created through the real `intake admin create`. */
export const E2E_ADMIN = { username: 'admin', name: '王管理', password: 'Desk-Keeper-2026' } as const;

/** Starts the built browser-mode shell on a free port and a fresh temporary data folder. */
export async function startServer(opts: { township?: string; dataDir?: string; admin?: boolean; exchange?: boolean; county?: string } = {}): Promise<TestServer> {
  if (!fs.existsSync(SERVE)) throw new Error('run `npm run build` first: out/node/core/http/serve.js is missing');
  // A county workstation (`intake county serve`): its staff accounts live in the county folder's staff/.
  const dataDir = opts.county ? path.join(opts.county, 'staff') : (opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'intake-e2e-')));
  if (opts.admin !== false) {
    const made = spawnSync(process.execPath, [CLI, 'admin', 'create', '--data', dataDir, '--username', E2E_ADMIN.username, '--name', E2E_ADMIN.name, '--password-stdin'], {
      input: `${E2E_ADMIN.password}\n`,
      encoding: 'utf8',
    });
    if (made.status !== 0) throw new Error(`admin create failed: ${made.stderr}`);
  }
  // The privacy check reads every e2e data folder's logs after the suite.
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.appendFileSync(path.join(ROOT, 'test-results', 'e2e-data-dirs.txt'), `${dataDir}\n`);
  const args = opts.county
    ? [CLI, 'county', 'serve', '--county', opts.county, '--port', '0']
    : [SERVE, '--port', '0', '--data', dataDir, ...(opts.township ? ['--township', opts.township] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/open#[A-Za-z0-9_-]+)\n/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  // The setup line follows the address line; give it a moment when the folder is fresh.
  if (opts.admin === false) for (let i = 0; i < 50 && !/setup code/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
  const url = `${new URL(openUrl).origin}/`;
  let cookie: { name: string; value: string } | null = null;
  if (opts.exchange !== false) {
    cookie = await exchangeOpenUrl(openUrl);
    rememberCookie(cookie);
  }
  return {
    url,
    dataDir,
    openUrl,
    cookie,
    setupCode: /setup code ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out)?.[1] ?? null,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
