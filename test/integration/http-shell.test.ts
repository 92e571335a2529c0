import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpShell, type HttpShell } from '../../core/http/server.js';
import { startWorkerCore, type CoreClient } from '../../core/host/client.js';
import { tempDir } from '../helpers/core.js';
import { SCHEMA_VERSION } from '../../core/store/migrations/index.js';
import { pageCookieName } from '../../core/http/launch.js';

function staticRoot(): string {
  const dir = tempDir('intake-static-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

async function rawGet(port: number, rawPath: string): Promise<number> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The Cookie header a browser holds after opening the printed address (in-process: the shell's own token). */
const pageCookie = (shell: HttpShell): string => `${pageCookieName(shell.port)}=${shell.token}`;

const post = (shell: HttpShell, method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${shell.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: pageCookie(shell), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A shell over a fresh core host for one describe block, closed after it. */
function useShell(onReady: (shell: HttpShell) => void): void {
  let core: CoreClient;
  let shell: HttpShell;
  beforeAll(async () => {
    core = await startWorkerCore({ dataDir: tempDir(), township: 'ZMQ', logLevel: 'silent' });
    shell = await startHttpShell(core, { port: 0, staticDir: staticRoot() });
    onReady(shell);
  });
  afterAll(async () => {
    await shell.close();
    await core.close();
  });
}

describe('HTTP shell over the core host (writer and reader threads)', () => {
  let shell: HttpShell;
  useShell((s) => (shell = s));

  it('binds to 127.0.0.1 only', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers a call that carries the page cookie', async () => {
    const res = await post(shell, 'system.info', {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, value: { schemaVersion: SCHEMA_VERSION, township: { code: 'ZMQ' } } });
  });

  it('refuses a call without the cookie, or with a wrong one, or with the token in a header, with 401', async () => {
    const none = await fetch(`${shell.url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect((await post(shell, 'system.info', {}, { cookie: `${pageCookieName(shell.port)}=nope` })).status).toBe(401);
    // Another desk's cookie on the same host (cookies ignore the port) does not open this one.
    expect((await post(shell, 'system.info', {}, { cookie: `${pageCookieName(shell.port + 1)}=${shell.token}` })).status).toBe(401);
    expect((await post(shell, 'system.info', {}, { cookie: '', 'x-intake-token': shell.token })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host even with the cookie', async () => {
    expect((await post(shell, 'system.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(shell, 'system.info', {}, { origin: `http://127.0.0.1:${shell.port + 1}` })).status).toBe(403);
    expect((await post(shell, 'system.info', {}, { origin: `http://localhost:${shell.port}` })).status).toBe(200);
    // fetch will not let us forge Host; use node:http for that.
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, path: '/api/system.info', method: 'POST', headers: { host: 'attacker.example', 'content-type': 'application/json', cookie: pageCookie(shell) } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('rejects malformed JSON, non-JSON bodies and GET on the API', async () => {
    expect((await post(shell, 'system.info', '{not json')).status).toBe(400);
    expect((await post(shell, 'system.info', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await fetch(`${shell.url}api/system.info`)).status).toBe(405);
  });

  it('needs a signed-in session for the contract, then passes domain failures through as values', async () => {
    expect(await (await post(shell, 'villages.add', { name: '' })).json()).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const setup = await (await post(shell, 'auth.setup', { username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' })).json();
    expect(setup).toMatchObject({ ok: true, value: { me: { role: 'admin' } } });
    const session = { 'x-intake-session': setup.value.token as string };
    const res = await post(shell, 'villages.add', { name: '' }, session);
    expect(await res.json()).toMatchObject({ ok: false, code: 'VILLAGE_NAME_REQUIRED', field: 'name', message_zh: '请填写村（社区）名称' });
    expect(await (await post(shell, 'villages.add', { name: '' }, { 'x-intake-session': 'forged' })).json()).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('serves the page, with no secret in it, under a strict CSP, and static files without traversal', async () => {
    const page = await fetch(shell.url, { headers: { cookie: pageCookie(shell) } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).not.toContain(shell.token);
    expect((await fetch(`${shell.url}assets/app.js`)).status).toBe(200);
    // fetch normalises dot segments, so send raw paths the way an attacker's client would.
    for (const raw of ['/assets/../../../../etc/passwd', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/assets/%00x']) {
      expect(await rawGet(shell.port, raw), raw).toBe(404);
    }
  });
});

/** Trades a one-time address's code at POST /session; returns the status and the Set-Cookie header. */
async function redeem(url: string, code: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string | null; body: string }> {
  const res = await fetch(new URL('/session', url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code }) });
  return { status: res.status, cookie: res.headers.get('set-cookie'), body: await res.text() };
}

describe('browser mode: no readable token, a one-time address traded for an HttpOnly cookie', () => {
  let shell: HttpShell;
  useShell((s) => (shell = s));

  it('GET / and every page the shell serves carry no secret; without the cookie / says to use the printed address', async () => {
    for (const p of ['', 'index.html', 'open', 'open.js', 'assets/app.js']) {
      const res = await fetch(`${shell.url}${p}`);
      const text = await res.text();
      expect(text, p).not.toContain(shell.token);
      expect(text, p).not.toContain(shell.openUrl.split('#')[1]);
      expect(res.headers.get('set-cookie'), p).toBeNull();
    }
    const root = await fetch(shell.url);
    expect(root.status).toBe(401);
    expect(await root.text()).toContain('请使用启动信访接待台的窗口（控制台）中打印的地址打开');
  });

  it('the code opens once: an HttpOnly, SameSite=Strict, Path=/ cookie that then opens the API; a second use and a wrong code are refused in Chinese', async () => {
    expect(shell.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open#[A-Za-z0-9_-]{22}$/);
    const code = shell.openUrl.split('#')[1]!;
    const first = await redeem(shell.url, code, { origin: `http://127.0.0.1:${shell.port}` });
    expect(first.status).toBe(204);
    expect(first.cookie).toBe(`${pageCookieName(shell.port)}=${shell.token}; HttpOnly; SameSite=Strict; Path=/`);
    const cookie = first.cookie!.split(';')[0]!;
    const api = await fetch(`${shell.url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ ok: true });
    expect((await fetch(shell.url, { headers: { cookie } })).status).toBe(200);

    for (const again of [code, 'made-up-code', '']) {
      const r = await redeem(shell.url, again);
      expect(r.status, again).toBe(403);
      expect(r.cookie).toBeNull();
      expect(JSON.parse(r.body).message_zh).toContain('打印的地址');
    }
    // The tab that already holds the cookie reloading /open just goes on.
    expect((await redeem(shell.url, code, { cookie })).status).toBe(204);
  });

  it('a new address replaces the old unused one; the exchange is POST and JSON only, from our own origin', async () => {
    const older = shell.newOpenUrl().split('#')[1]!;
    const newer = shell.newOpenUrl().split('#')[1]!;
    expect(newer).not.toBe(older);
    expect((await redeem(shell.url, older)).status).toBe(403);
    expect((await fetch(`${shell.url}session?code=${newer}`)).status).toBe(405);
    const form = await fetch(`${shell.url}session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${newer}` });
    expect(form.status).toBe(415);
    expect((await redeem(shell.url, newer, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await redeem(shell.url, newer, { origin: `http://127.0.0.1:${shell.port + 1}` })).status).toBe(403);
    // Refused before the code was looked at: it still works from our own page.
    expect((await redeem(shell.url, newer, { origin: `http://localhost:${shell.port}` })).status).toBe(204);
  });

  it('the cookie sent from a foreign Origin (another site, or another port of 127.0.0.1, which is the same site) is refused', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${shell.port + 1}`, 'null']) {
      expect((await post(shell, 'system.info', {}, { origin })).status, origin).toBe(403);
    }
    // A cross-site form cannot send JSON; text/plain is refused before the core sees it.
    expect((await post(shell, 'system.info', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
  });
});

describe('npm run serve entry (separate process)', () => {
  it('prints its address and a one-time address, serves no token, and guards the API', async () => {
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'core/http/serve.ts', '--port', '0', '--data', dataDir, '--static', staticRoot()],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const open = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/open#[A-Za-z0-9_-]+(?=\n)/);
          if (m) resolve(m[0]);
        });
        child.stderr.on('data', (d: Buffer) => (out += d));
        child.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
      });
      const url = `${new URL(open).origin}/`;
      const html = await fetch(url);
      expect(html.status).toBe(401);
      expect(await html.text()).not.toMatch(/intake-token|content="[A-Za-z0-9_-]{20,}"/);
      const no = await fetch(`${url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(no.status).toBe(401);
      const got = await redeem(url, new URL(open).hash.slice(1));
      expect(got.status).toBe(204);
      const cookie = got.cookie!.split(';')[0]!;
      const ok = await fetch(`${url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
      expect(await ok.json()).toMatchObject({ ok: true, value: { schemaVersion: SCHEMA_VERSION, dataDir } });
      const foreign = await fetch(`${url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: 'https://example.org' }, body: '{}' });
      expect(foreign.status).toBe(403);
      expect((await redeem(url, new URL(open).hash.slice(1))).status).toBe(403);
      // The fetches above left keep-alive connections open, as a page that is still showing does.
      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000); // a separate process compiling the core from source (tsx), with its worker threads: slow on a busy machine
});

describe('HTTP shell: bad requests get a status, never a reset or a 500', () => {
  let shell: HttpShell;
  useShell((s) => (shell = s));

  const rawAnswer = async (rawPath: string, body: Buffer | string) => {
    const http = await import('node:http');
    return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, path: rawPath, method: 'POST', headers: { host: `127.0.0.1:${shell.port}`, 'content-type': 'application/json', cookie: pageCookie(shell) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };

  it('answers a malformed percent-escape in the method with a typed 400', async () => {
    for (const p of ['/api/%', '/api/%E4%B8']) {
      const a = await rawAnswer(p, '{}');
      expect(a.status).toBe(400);
      expect(a.type).toMatch(/^application\/json/);
      expect(JSON.parse(a.body)).toEqual({ ok: false, code: 'REQUEST_MALFORMED', message_zh: '请求格式不正确（地址或内容无法解析）' });
    }
    expect(JSON.parse((await rawAnswer('/api/system.info', '{not json')).body)).toMatchObject({ ok: false, code: 'REQUEST_MALFORMED' });
  });

  it('answers an oversized body with 413 and a Chinese message, not a reset', async () => {
    const a = await rawAnswer('/api/system.info', Buffer.alloc(33 * 1024 * 1024, 0x20));
    expect(a.status).toBe(413);
    expect(JSON.parse(a.body)).toMatchObject({ ok: false, code: 'REQUEST_TOO_LARGE', message_zh: expect.stringContaining('过大') });
  });

  it('refuses control characters, bidi overrides and invisible-only text in Chinese, and saves nothing', async () => {
    const setup = (await (await post(shell, 'auth.setup', { username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' })).json()) as { value: { token: string } };
    const session = { 'x-intake-session': setup.value.token };
    for (const name of ['南溪河\u0000改造', '\u202E南溪河', '\u200B\u200B']) {
      const r = await (await post(shell, 'projects.add', { name }, session)).json();
      expect(r, JSON.stringify(name)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'name' });
      expect(r.message_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await (await post(shell, 'projects.list', {}, session)).json()).toMatchObject({ ok: true, value: [] });
  });
});
