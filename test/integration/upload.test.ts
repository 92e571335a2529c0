/**
 * Attachments as files over the loopback shell (core/http/upload.ts): the upload endpoint behind the
 * token, session, Host and Origin checks; the limits as settings, refused before a byte is kept; the
 * staged file linked in by the registration's transaction, nothing left behind by a refusal; and a
 * kill in the middle of an upload leaves no half file once the core opens again.
 */
import { pageCookieName } from '../../core/http/launch.js';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpShell, type HttpShell } from '../../core/http/server.js';
import { startWorkerCore, type CoreClient } from '../../core/host/client.js';
import { tempDir } from '../helpers/core.js';
import { makeId } from '../helpers/ids.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

interface Answer {
  status: number;
  body: { ok: boolean; code?: string; message_zh?: string; value?: Record<string, unknown> };
}

function upload(shell: HttpShell, bytes: Buffer, opts: { name?: string; session?: string; origin?: string; token?: string; held?: string[]; type?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: shell.port,
        path: '/upload',
        method: 'POST',
        headers: {
          host: `127.0.0.1:${shell.port}`,
          'content-type': opts.type ?? 'application/pdf',
          'content-length': String(bytes.length),
          cookie: `${pageCookieName(shell.port)}=${opts.token ?? shell.token}`,
          'x-intake-file-name': encodeURIComponent(opts.name ?? '扫描件.pdf'),
          ...(opts.session ? { 'x-intake-session': opts.session } : {}),
          ...(opts.origin ? { origin: opts.origin } : {}),
          ...(opts.held ? { 'x-intake-held': opts.held.join(',') } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d));
        res.on('end', () => {
          let body: Answer['body'];
          try {
            body = JSON.parse(text) as Answer['body'];
          } catch {
            body = { ok: false, code: text };
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

const call = async (shell: HttpShell, method: string, input: unknown, session?: string) =>
  (await (
    await fetch(`${shell.url}api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${pageCookieName(shell.port)}=${shell.token}`, ...(session ? { 'x-intake-session': session } : {}) },
      body: JSON.stringify(input),
    })
  ).json()) as { ok: boolean; code?: string; field?: string; message_zh?: string; value: Record<string, unknown> & { attachments?: { sha256: string; fileName: string }[] } };

const registration = (stagingIds: string[], name = '张三', id = makeId('1968-03-15', 123)) => ({
  participants: [{ person: { name, idNumber: id, phones: ['13812345678'] } }],
  visit: { headcount: 1, involved: 1 },
  matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
  attachments: stagingIds.map((stagingId) => ({ stagingId })),
});

describe('upload endpoint', () => {
  let core: CoreClient;
  let shell: HttpShell;
  let dataDir: string;
  let session: string;
  beforeAll(async () => {
    dataDir = tempDir('intake-upload-');
    core = await startWorkerCore({ dataDir, township: 'ZMQ', logLevel: 'silent' });
    shell = await startHttpShell(core, { port: 0 });
    const setup = await call(shell, 'auth.setup', { username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' });
    session = setup.value.token as unknown as string;
  }, 60_000);
  afterAll(async () => {
    await shell.close();
    await core.close();
  }, 60_000);

  it('needs the page token, a signed-in session and our own Origin, and keeps nothing otherwise', async () => {
    const bytes = Buffer.from('%PDF-1.4 x');
    expect((await upload(shell, bytes, { token: 'forged', session })).status).toBe(401);
    expect((await upload(shell, bytes, { session, origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload(shell, bytes)).body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect((await upload(shell, bytes, { session: 'forged' })).body).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(filesUnder(path.join(dataDir, 'staging'))).toEqual([]);
  });

  it('streams two 30 MB files to staging; the registration links them in and empties staging', async () => {
    const a = Buffer.alloc(30 * 1024 * 1024, 1);
    const b = Buffer.alloc(30 * 1024 * 1024, 2);
    const ua = await upload(shell, a, { session, name: '../../征地协议.pdf' });
    expect(ua).toMatchObject({ status: 200, body: { ok: true, value: { fileName: '征地协议.pdf', size: a.length } } });
    const ub = await upload(shell, b, { session, name: '现场照片.jpg', type: 'image/jpeg', held: [ua.body.value!.stagingId as string] });
    expect(ub.status).toBe(200);
    const staged = filesUnder(path.join(dataDir, 'staging'));
    expect(staged).toHaveLength(2);
    for (const f of staged) expect(fs.statSync(f).mode & 0o777).toBe(0o600);

    const r = await call(shell, 'visits.register', registration([ua.body.value!.stagingId as string, ub.body.value!.stagingId as string]), session);
    expect(r).toMatchObject({ ok: true });
    const m = await call(shell, 'matters.get', { matterId: r.value.matterId }, session);
    expect(m.value.attachments).toEqual([
      expect.objectContaining({ fileName: '征地协议.pdf', mime: 'application/pdf', size: a.length, sha256: sha(a) }),
      expect.objectContaining({ fileName: '现场照片.jpg', mime: 'image/jpeg', size: b.length, sha256: sha(b) }),
    ]);
    expect(filesUnder(path.join(dataDir, 'staging'))).toEqual([]);
    const stored = filesUnder(path.join(dataDir, 'attachments'));
    expect(stored.map((f) => path.basename(f)).sort()).toEqual([sha(a), sha(b)].sort());

    // The stored bytes come back through the download endpoint behind the same checks.
    const id = (m.value as unknown as { attachments: { id: number }[] }).attachments[0]!.id;
    const got = await fetch(`${shell.url}attachment/${id}`, { headers: { cookie: `${pageCookieName(shell.port)}=${shell.token}`, 'x-intake-session': session } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(sha(Buffer.from(await got.arrayBuffer()))).toBe(sha(a));
    expect((await fetch(`${shell.url}attachment/${id}`, { headers: { cookie: `${pageCookieName(shell.port)}=${shell.token}` } })).status).toBe(403);
    expect((await fetch(`${shell.url}attachment/${id}`, { headers: { 'x-intake-session': session } })).status).toBe(401);
  }, 60_000);

  it('refuses a file over the per-file or per-registration limit before keeping a byte, with a Chinese message', async () => {
    expect(await call(shell, 'system.configure', { attachmentMaxFileMb: 1, attachmentMaxTotalMb: 2 }, session)).toMatchObject({ ok: true });
    const limits = await call(shell, 'attachments.limits', {}, session);
    expect(limits.value).toMatchObject({ maxFileBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 });
    const big = await upload(shell, Buffer.alloc(1024 * 1024 + 1), { session, name: '大文件.pdf' });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ ok: false, code: 'ATTACHMENT_TOO_LARGE' });
    expect(big.body.message_zh).toContain('大文件.pdf');
    expect(filesUnder(path.join(dataDir, 'staging'))).toEqual([]);

    const one = await upload(shell, Buffer.alloc(900 * 1024, 3), { session });
    const two = await upload(shell, Buffer.alloc(900 * 1024, 4), { session, held: [one.body.value!.stagingId as string] });
    const three = await upload(shell, Buffer.alloc(900 * 1024, 5), { session, held: [one.body.value!.stagingId as string, two.body.value!.stagingId as string] });
    expect(three.status).toBe(413);
    expect(three.body).toMatchObject({ ok: false, code: 'ATTACHMENTS_TOO_LARGE' });
    expect(three.body.message_zh).toMatch(/合计/);
    expect(await call(shell, 'attachments.discard', { stagingIds: [one.body.value!.stagingId, two.body.value!.stagingId] }, session)).toMatchObject({ ok: true, value: { discarded: 2 } });
    expect(filesUnder(path.join(dataDir, 'staging'))).toEqual([]);
    expect(await call(shell, 'system.configure', { attachmentMaxFileMb: 50, attachmentMaxTotalMb: 200 }, session)).toMatchObject({ ok: true });
  });

  it('a refused registration leaves no attachment file, keeps the upload staged, and the retry stores it', async () => {
    const before = filesUnder(path.join(dataDir, 'attachments')).length;
    const bytes = Buffer.from('%PDF-1.4 退回的材料');
    const up = await upload(shell, bytes, { session });
    const id = up.body.value!.stagingId as string;
    // The same ID number as the earlier registration: refused, after the attachment was prepared.
    const refused = await call(shell, 'visits.register', registration([id]), session);
    expect(refused).toMatchObject({ ok: false, code: 'ID_EXISTS' });
    expect(filesUnder(path.join(dataDir, 'attachments'))).toHaveLength(before);
    expect(filesUnder(path.join(dataDir, 'staging'))).toHaveLength(1);
    const ok = await call(shell, 'visits.register', registration([id], '李四', makeId('1970-05-01', 221)), session);
    expect(ok).toMatchObject({ ok: true });
    expect(filesUnder(path.join(dataDir, 'attachments'))).toHaveLength(before + 1);
    expect(filesUnder(path.join(dataDir, 'staging'))).toEqual([]);
    // A staged id is used once, and only by the user who uploaded it.
    expect(await call(shell, 'visits.register', registration([id], '赵六', makeId('1971-05-01', 221)), session)).toMatchObject({ ok: false, code: 'ATTACHMENT_NOT_STAGED', field: 'attachments.0' });
  });

  it('refuses a body without a length, and a malformed file name, with a status', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, path: '/upload', method: 'POST', headers: { host: `127.0.0.1:${shell.port}`, cookie: `${pageCookieName(shell.port)}=${shell.token}`, 'x-intake-session': session, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('abc');
      req.end();
    });
    expect(status).toBe(411);
    const bad = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, path: '/upload', method: 'POST', headers: { host: `127.0.0.1:${shell.port}`, cookie: `${pageCookieName(shell.port)}=${shell.token}`, 'x-intake-session': session, 'x-intake-file-name': '%E4%B8', 'content-length': '3' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('abc');
    });
    expect(bad).toBe(400);
  });
});

describe('a kill in the middle of an upload', () => {
  it('leaves no half file: never an attachment, and the staging folder is emptied when the core opens again', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('intake-upload-crash-');
    const first = await startWorkerCore({ dataDir, township: 'ZMQ', logLevel: 'silent' });
    expect(await first.call(null, 'auth.setup', { username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' })).toMatchObject({ ok: true });
    await first.close();
    const staticDir = tempDir('intake-static-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');

    const child = spawn(process.execPath, ['--import', 'tsx', 'core/http/serve.ts', '--port', '0', '--data', dataDir, '--static', staticDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/open#[A-Za-z0-9_-]+)\n/);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (d: Buffer) => (out += d));
        child.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
      });
      // The printed one-time address, traded for the page cookie as the page at /open does.
      const opened = new URL(url);
      const traded = await fetch(new URL('/session', opened), { method: 'POST', headers: { 'content-type': 'application/json', origin: opened.origin }, body: JSON.stringify({ code: opened.hash.slice(1) }) });
      const cookie = /^([^=;]+=[^;]*)/.exec(traded.headers.get('set-cookie') ?? '')![1]!;
      const login = (await (
        await fetch(new URL('/api/auth.login', opened), { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ username: 'admin', password: 'Desk-Keeper-2026' }) })
      ).json()) as { value: { token: string } };
      const port = Number(opened.port);
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/upload',
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/pdf', 'content-length': String(30 * 1024 * 1024), cookie, 'x-intake-session': login.value.token, 'x-intake-file-name': 'x.pdf' },
      });
      req.on('error', () => undefined);
      req.write(Buffer.alloc(8 * 1024 * 1024, 7));
      const staging = path.join(dataDir, 'staging');
      const part = async () => {
        for (let i = 0; i < 200; i++) {
          const f = filesUnder(staging).find((x) => x.endsWith('.part'));
          if (f && fs.statSync(f).size > 0) return f;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('the upload never reached the staging folder');
      };
      expect(await part()).toMatch(/\.part$/);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      req.destroy();
      // The half file is only ever a .part in staging, never an attachment.
      expect(filesUnder(path.join(dataDir, 'attachments'))).toEqual([]);
      expect(filesUnder(staging).every((f) => f.endsWith('.part'))).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const again = await startWorkerCore({ dataDir, logLevel: 'silent' });
    await again.close();
    expect(filesUnder(path.join(dataDir, 'staging'))).toEqual([]);
  });
});
