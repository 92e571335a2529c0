// The reader pool by the order things finish, not by how long they take: a long read that occupies one
// reader never holds up the searches the other reader serves; with a single reader they queue behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerCore, type CoreClient } from '../../core/host/client.js';
import { seedDatabase } from '../../core/seed/generate.js';
import { tempDir, testCore } from '../helpers/core.js';

const NOW = '2026-11-24T09:00:00+08:00';
const ADMIN = { username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' };
/** Ten years of figures over a seeded desk: the longest read the desk has. */
const LONG_READ = { from: '2016-01-01', to: '2026-12-31' };

async function signIn(core: CoreClient): Promise<string> {
  const status = await core.call(null, 'auth.status', {});
  const first = status.ok && !(status.value as { hasUsers: boolean }).hasUsers;
  const r = first ? await core.call(null, 'auth.setup', ADMIN) : await core.call(null, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!r.ok) throw new Error(r.code);
  return (r.value as { token: string }).token;
}

/** One long read, then searches one after another; the order in which each call finished. */
async function race(core: CoreClient, token: string, searches: number): Promise<string[]> {
  const finished: string[] = [];
  const long = core.call(token, 'stats.assessment', LONG_READ).then((r) => {
    expect(r.ok).toBe(true);
    finished.push('report');
  });
  for (let i = 0; i < searches; i++) {
    const r = await core.call(token, 'persons.search', { q: ['张', 'wang', '李'][i % 3]!, limit: 8 });
    expect(r.ok).toBe(true);
    finished.push('search');
  }
  await long;
  return finished;
}

describe('reader pool', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDir();
    const core = testCore({ township: 'ZMQ', dataDir, clock: { now: () => new Date(NOW) } });
    try {
      seedDatabase(core.ctx.db, { persons: 12_000, township: 'ZMQ', seed: '1', end: new Date('2026-11-20T08:00:00Z') });
    } finally {
      core.close();
    }
  }, 120_000);

  describe('two readers', () => {
    let core: CoreClient;
    let token: string;
    beforeAll(async () => {
      core = await startWorkerCore({ dataDir, township: 'ZMQ', logLevel: 'silent', clock: { kind: 'fixed', at: NOW } });
      token = await signIn(core);
    }, 30_000);
    afterAll(async () => core.close());

    it('serves every search on the other reader before a long read on one reader has finished', async () => {
      await race(core, token, 3); // warm both readers' statement caches
      expect(await race(core, token, 5)).toEqual(['search', 'search', 'search', 'search', 'search', 'report']);
    });
  });

  describe('one reader (the control: the same race, nowhere else to go)', () => {
    let core: CoreClient;
    let token: string;
    beforeAll(async () => {
      core = await startWorkerCore({ dataDir, logLevel: 'silent', readers: 1, clock: { kind: 'fixed', at: NOW } });
      token = await signIn(core);
    }, 30_000);
    afterAll(async () => core.close());

    it('queues the first search behind the long read', async () => {
      await race(core, token, 3);
      expect((await race(core, token, 5))[0]).toBe('report');
    });
  });
});
