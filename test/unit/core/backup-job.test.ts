// jobs.backup into a folder the admin names under DATA/backups/: made there, never outside, never twice.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { JobDto } from '../../../core/domain/views/jobs.js';
import { testCore } from '../../helpers/core.js';

async function settle(core: Core, id: string): Promise<JobDto> {
  for (;;) {
    const s = core.call<'jobs.status'>(LOCAL_SESSION, 'jobs.status', { jobId: id });
    if (!s.ok) throw new Error(s.code);
    if (s.value.state !== 'running') return s.value;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('jobs.backup into a chosen folder', () => {
  it('backs up into DATA/backups/<folder> and refuses the same folder again', async () => {
    const core = testCore({ township: 'ZMQ' });
    const started = core.call<'jobs.backup'>(LOCAL_SESSION, 'jobs.backup', { folder: 'before-upgrade' });
    if (!started.ok) throw new Error(started.code);
    const done = await settle(core, started.value.id);
    const dir = path.join(core.ctx.dataDir, 'backups', 'before-upgrade');
    expect(done).toMatchObject({ state: 'done', result: { dir } });
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(true);
    expect(core.call(LOCAL_SESSION, 'jobs.backup', { folder: 'before-upgrade' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'folder', message_zh: expect.stringContaining('同名') });
  });

  it.each(['../outside', '/tmp/x', 'a/b', '.hidden', '', 'x.partial'])('refuses %j as a folder name', (folder) => {
    const core = testCore({ township: 'ZMQ' });
    expect(core.call(LOCAL_SESSION, 'jobs.backup', { folder })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'folder' });
  });
});
