import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpShell, type HttpShell } from '../../core/http/server.js';
import { startWorkerCore, type CoreClient } from '../../core/host/client.js';
import { tempDir } from '../helpers/core.js';
import { SCHEMA_VERSION } from '../../core/store/migrations/index.js';

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

const post = (shell: HttpShell, method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${shell.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-intake-token': shell.token, ...headers },
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

  it('answers a call that carries the token', async () => {
    const res = await post(shell, 'system.info', {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, value: { schemaVersion: SCHEMA_VERSION, township: { code: 'ZMQ' } } });
  });

  it('refuses a call without the token, or with a wrong one, with 401', async () => {
    const none = await fetch(`${shell.url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect((await post(shell, 'system.info', {}, { 'x-intake-token': 'nope' })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    expect((await post(shell, 'system.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(shell, 'system.info', {}, { origin: `http://127.0.0.1:${shell.port + 1}` })).status).toBe(403);
    expect((await post(shell, 'system.info', {}, { origin: `http://localhost:${shell.port}` })).status).toBe(200);
    // fetch will not let us forge Host; use node:http for that.
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, path: '/api/system.info', method: 'POST', headers: { host: 'attacker.example', 'content-type': 'application/json', 'x-intake-token': shell.token } },
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

  it('serves the page with the token and a strict CSP, and static files without traversal', async () => {
    const page = await fetch(shell.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain(`<meta name="intake-token" content="${shell.token}">`);
    expect((await fetch(`${shell.url}assets/app.js`)).status).toBe(200);
    // fetch normalises dot segments, so send raw paths the way an attacker's client would.
    for (const raw of ['/assets/../../../../etc/passwd', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/assets/%00x']) {
      expect(await rawGet(shell.port, raw), raw).toBe(404);
    }
  });
});

describe('npm run serve entry (separate process)', () => {
  it('prints its address, hands the token to the page, and guards the API', async () => {
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'core/http/serve.ts', '--port', '0', '--data', dataDir, '--static', staticRoot()],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
          if (m) resolve(m[0]);
        });
        child.stderr.on('data', (d: Buffer) => (out += d));
        child.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
      });
      const html = await (await fetch(url)).text();
      const token = html.match(/name="intake-token" content="([^"]+)"/)?.[1];
      expect(token).toBeTruthy();
      const ok = await fetch(`${url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-intake-token': token! }, body: '{}' });
      expect(await ok.json()).toMatchObject({ ok: true, value: { schemaVersion: SCHEMA_VERSION, dataDir } });
      const no = await fetch(`${url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(no.status).toBe(401);
      const foreign = await fetch(`${url}api/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-intake-token': token!, origin: 'https://example.org' }, body: '{}' });
      expect(foreign.status).toBe(403);
      // The fetches above left keep-alive connections open, as a page that is still showing does.
      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('HTTP shell: bad requests get a status, never a reset or a 500', () => {
  let shell: HttpShell;
  useShell((s) => (shell = s));

  const rawAnswer = async (rawPath: string, body: Buffer | string) => {
    const http = await import('node:http');
    return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, path: rawPath, method: 'POST', headers: { host: `127.0.0.1:${shell.port}`, 'content-type': 'application/json', 'x-intake-token': shell.token } },
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
