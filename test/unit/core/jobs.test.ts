// Long work as jobs: progress, completion, cancel, and the refusals.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { testCore } from '../../helpers/core.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; code: string }): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

async function settle(core: Core, id: string) {
  for (;;) {
    const s = value(core.call(LOCAL_SESSION, 'jobs.status', { jobId: id }));
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

function register(core: Core, n: number) {
  for (let i = 0; i < n; i++) {
    value(
      core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '赵六', noIdReason: '未带身份证', confirmedNotDuplicate: true } }],
        visit: { headcount: 1, involved: 1 },
        matter: { purpose: '申诉求决', category: '劳动社保', request: `工资 ${i}` },
      }),
    );
  }
}

describe('jobs', () => {
  it('re-folds every matter in steps, reporting progress, and ends done', async () => {
    const core = testCore({ township: 'ZMQ' });
    register(core, 3);
    const started = value(core.call(LOCAL_SESSION, 'jobs.refold', {}));
    expect(started).toMatchObject({ kind: 'jobs.refold', state: 'running', startedBy: 'local', percent: 0 });
    expect(core.call(LOCAL_SESSION, 'jobs.refold', {})).toMatchObject({ ok: false, code: 'JOB_BUSY' });
    expect(core.call(LOCAL_SESSION, 'jobs.cancel', { jobId: started.id })).toMatchObject({ ok: false, code: 'JOB_NOT_CANCELLABLE' });
    const done = await settle(core, started.id);
    expect(done).toMatchObject({ state: 'done', done: 3, total: 3, percent: 100, result: { matters: 3 } });
    expect(done.finishedAt).not.toBeNull();
    // The start is audited under its contract method.
    const audit = value(core.call(LOCAL_SESSION, 'audit.list', { action: 'jobs.refold' }));
    expect(audit.map((a) => a.outcome)).toContain('ok');
  });

  it('makes a backup now, and a cancel before it copies ends it as cancelled', async () => {
    const core = testCore({ township: 'ZMQ' });
    register(core, 1);
    const job = value(core.call(LOCAL_SESSION, 'jobs.backup', {}));
    const done = await settle(core, job.id);
    expect(done.state).toBe('done');
    expect(fs.existsSync(String(done.result?.dir))).toBe(true);
    const second = value(core.call(LOCAL_SESSION, 'jobs.backup', {}));
    expect(value(core.call(LOCAL_SESSION, 'jobs.cancel', { jobId: second.id }))).toMatchObject({ cancelRequested: true });
    expect(await settle(core, second.id)).toMatchObject({ state: 'cancelled', result: null });
  });

  it('refuses an unknown job and keeps jobs to admins', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(core.call(LOCAL_SESSION, 'jobs.status', { jobId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, code: 'JOB_UNKNOWN' });
    expect(core.call({ user: 'r', role: 'reception' }, 'jobs.backup', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
