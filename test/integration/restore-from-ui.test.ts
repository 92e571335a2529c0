// Restoring from the UI: the checks run as a job while the desk is open; a backup that passes is
// restored by the host (every connection closed, then opened again); one that fails changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerCore, type CoreClient } from '../../core/host/client.js';
import type { JobDto } from '../../core/domain/views/jobs.js';
import { tempDir } from '../helpers/core.js';

const PASSWORD = 'Desk-Keeper-2026';
const until = async <T>(ask: () => Promise<T | null>, ms = 20_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await ask();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('restore from the UI, through the core host', () => {
  let dataDir: string;
  let core: CoreClient;
  let token: string;

  const value = async <T>(method: string, input: unknown, t: string | null = token): Promise<T> => {
    const r = await core.call(t, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.code}`);
    return r.value as T;
  };
  const register = (name: string) =>
    value('visits.register', {
      participants: [{ person: { name, noIdReason: '未带身份证', phones: ['13812345678'] } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' },
    });
  const names = async (t: string) => (await value<{ name: string }[]>('persons.search', { q: '张' }, t)).map((p) => p.name).sort();
  /** A job's end, or null when the desk closed under it (its session went with it). */
  const jobEnd = (job: JobDto, t: string) =>
    until(async () => {
      const s = await core.call(t, 'jobs.status', { jobId: job.id });
      if (!s.ok) return { state: 'closed' as const, code: s.code };
      const j = s.value as JobDto;
      return j.state === 'running' ? null : { state: j.state, code: j.error?.code ?? null, result: j.result };
    });

  beforeAll(async () => {
    dataDir = tempDir();
    core = await startWorkerCore({ dataDir, township: 'ZMQ', logLevel: 'silent' });
    token = (await value<{ token: string }>('auth.setup', { username: 'admin', displayName: '王', password: PASSWORD }, null)).token;
  }, 30_000);
  afterAll(async () => core.close());

  it('refuses a backup changed after it was made, with the desk open and nothing changed', async () => {
    await register('张一');
    const made = await jobEnd(await value<JobDto>('jobs.backup', { folder: 'tampered' }), token);
    expect(made.state).toBe('done');
    const dir = path.join(dataDir, 'backups', 'tampered');
    const manifest = path.join(dir, 'manifest.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('"schemaVersion"', '"schemaVersion" '));
    const end = await jobEnd(await value<JobDto>('backups.restore', { from: dir }), token);
    expect(end).toMatchObject({ state: 'failed', code: 'RESTORE_DAMAGED' });
    // The same session still works: the desk never closed.
    expect(await names(token)).toEqual(['张一']);
    expect(await core.call(token, 'backups.restore', { from: 'relative/path' })).toMatchObject({ ok: false, code: 'RESTORE_NOT_FOUND', field: 'from' });
    expect(await core.call(token, 'backups.restore', { from: dir, recoveryKey: 'AGE-SECRET-KEY-1SHORT' })).toMatchObject({ ok: false, field: 'recoveryKey' });
  }, 60_000);

  it('restores a good backup: the desk closes, opens on the backup, everyone signs in again, the old database is kept', async () => {
    const made = await jobEnd(await value<JobDto>('jobs.backup', { folder: 'good' }), token);
    expect(made.state).toBe('done');
    await register('张二'); // after the backup: the restore takes it away
    expect(await names(token)).toEqual(['张一', '张二']);
    const before = (await value<{ lastRestore: unknown }>('system.info', {}, null)).lastRestore;
    expect(before).toBeNull();

    const job = await value<JobDto>('backups.restore', { from: path.join(dataDir, 'backups', 'good') });
    const end = await jobEnd(job, token);
    expect(['done', 'closed']).toContain(end.state);
    const last = await until(async () => (await value<{ lastRestore: { at: string; ok: boolean } | null }>('system.info', {}, null)).lastRestore);
    expect(last.ok).toBe(true);

    // The sessions went with the desk that closed.
    expect(await core.call(token, 'persons.search', { q: '张' })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    const again = (await value<{ token: string }>('auth.login', { username: 'admin', password: PASSWORD }, null)).token;
    expect(await names(again)).toEqual(['张一']);
    const report = await value<{ ok: boolean; by: string; keptAside: string }>('backups.lastRestore', {}, again);
    expect(report).toMatchObject({ ok: true, by: 'admin' });
    expect(fs.existsSync(report.keptAside)).toBe(true);
    const audit = await value<{ action: string; outcome: string }[]>('audit.list', { limit: 5 }, again);
    expect(audit.map((r) => [r.action, r.outcome])).toContainEqual(['backups.restore', 'ok']);
    token = again;
  }, 60_000);
});
