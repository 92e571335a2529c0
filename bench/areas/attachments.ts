/**
 * Attachments as the desk sends them (issue 14): two 30 MB scans streamed to POST /upload, then the
 * registration that names them (hashing both, linking them in, committing), over the real loopback
 * shell and core host. Time from the first byte to the committed registration, and the process's
 * resident memory sampled every 5 ms meanwhile (the shell and the core threads live in this process;
 * the scans are read from disk, so the client holds no copy).
 *
 *   npx tsx bench/areas/attachments.ts      # alone, on a fresh data folder
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { SESSION_HEADER } from '../../core/http/security.js';
import { pageCookieName } from '../../core/http/launch.js';
import type { HttpShell } from '../../core/http/server.js';
import type { BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtBytes, fmtMs } from '../lib/stats.js';

const MB = 1024 * 1024;

function upload(shell: HttpShell, session: string, file: string, held: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: shell.port,
        path: '/upload',
        method: 'POST',
        headers: {
          'content-type': 'application/pdf',
          'content-length': fs.statSync(file).size,
          'x-intake-file-name': encodeURIComponent(path.basename(file)),
          'x-intake-held': held.join(','),
          cookie: `${pageCookieName(shell.port)}=${shell.token}`,
          [SESSION_HEADER]: session,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d));
        res.on('end', () => {
          const r = JSON.parse(text) as { ok: boolean; value?: { stagingId: string }; code?: string };
          if (r.ok && r.value) resolve(r.value.stagingId);
          else reject(new Error(`upload: ${r.code}`));
        });
      },
    );
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

async function call(shell: HttpShell, session: string, method: string, input: unknown): Promise<{ ok: boolean; code?: string }> {
  const res = await fetch(`${shell.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${pageCookieName(shell.port)}=${shell.token}`, [SESSION_HEADER]: session },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; code?: string };
}

export interface AttachmentFigures {
  ms: number;
  uploadMs: number;
  registerMs: number;
  baselineRss: number;
  peakRss: number;
}

/** Two 30 MB files + text, registered; `idNumber` must be new to the database. */
export async function measure(shell: HttpShell, session: string, idNumber: string): Promise<AttachmentFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-bench-scans-'));
  const files = ['征地协议扫描件.pdf', '补偿清单扫描件.pdf'].map((name) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, randomBytes(30 * MB));
    return f;
  });
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  try {
    const t0 = performance.now();
    const a = await upload(shell, session, files[0]!, []);
    const b = await upload(shell, session, files[1]!, [a]);
    const t1 = performance.now();
    const r = await call(shell, session, 'visits.register', {
      participants: [{ person: { name: '张卫国', idNumber, phones: ['13812345678'] } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '征地补偿款至今未兑现，要求尽快发放', facts: '2019 年征收承包地 3.2 亩，协议约定的补偿款至今未足额发放。' },
      attachments: [{ stagingId: a }, { stagingId: b }],
    });
    const t2 = performance.now();
    if (!r.ok) throw new Error(`visits.register: ${r.code}`);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { ms: t2 - t0, uploadMs: t1 - t0, registerMs: t2 - t1, baselineRss, peakRss };
  } finally {
    clearInterval(sampler);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const table = (f: AttachmentFigures) => ({
  title: 'Attachments (two 30 MB files + text, browser mode)',
  columns: ['what', 'value'],
  rows: [
    ['upload both (POST /upload, streamed to staging)', fmtMs(f.uploadMs)],
    ['register naming them (hash, link in, commit)', fmtMs(f.registerMs)],
    ['total', fmtMs(f.ms)],
    ['process RSS before → peak during', `${fmtBytes(f.baselineRss)} → ${fmtBytes(f.peakRss)} (+${fmtBytes(f.peakRss - f.baselineRss)})`],
  ],
});

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const { signIn } = await import('../lib/auth.js');
  const session = await signIn(ctx.http.url, { name: pageCookieName(ctx.http.port), value: ctx.http.token });
  const { idCheckChar } = await import('../../core/domain/idcard.js');
  const first17 = `34152319${String(10 + ctx.rng.int(80))}0101${String(ctx.rng.int(1000)).padStart(3, '0')}`;
  const f = await measure(ctx.http, session, first17 + idCheckChar(first17));
  return { area: 'attachments', tables: [table(f)], data: { ...f } };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { startWorkerCore } = await import('../../core/host/client.js');
  const { startHttpShell } = await import('../../core/http/server.js');
  const { markdown } = await import('../lib/report.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-bench-att-'));
  const core = await startWorkerCore({ dataDir, township: 'ZMQ', logLevel: 'silent' });
  const shell = await startHttpShell(core, { port: 0 });
  const setup = (await (
    await fetch(`${shell.url}api/auth.setup`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `${pageCookieName(shell.port)}=${shell.token}` }, body: JSON.stringify({ username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' }) })
  ).json()) as { value: { token: string } };
  const { idCheckChar } = await import('../../core/domain/idcard.js');
  const runs: AttachmentFigures[] = [];
  for (const first17 of ['34152319680315001', '34152319720709045']) runs.push(await measure(shell, setup.value.token, first17 + idCheckChar(first17)));
  for (const f of runs) console.log(markdown(table(f)) + '\n');
  await shell.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
