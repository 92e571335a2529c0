// The core host: writes on the writer thread, reads on reader threads with read-only connections, so a
// long read never holds up a search.
import path from 'node:path';
import { databaseKey } from '../../core/store/database-key.js';
import { osKeyStore } from '../../core/store/os-key-store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerCore, type CoreClient } from '../../core/host/client.js';
import { openReader } from '../../core/host/reader.js';
import { DB_FILE } from '../../core/store/data-dir.js';
import { tempDir } from '../helpers/core.js';

describe('core host', () => {
  let dataDir: string;
  let core: CoreClient;
  let token: string;
  beforeAll(async () => {
    dataDir = tempDir();
    core = await startWorkerCore({ dataDir, township: 'ZMQ', logLevel: 'silent' });
    const setup = await core.call(null, 'auth.setup', { username: 'admin', displayName: '王', password: 'Desk-Keeper-2026' });
    if (!setup.ok) throw new Error(setup.code);
    token = (setup.value as { token: string }).token;
  }, 30_000);
  afterAll(async () => core.close());

  it('writes on the writer and reads what was written from a reader', async () => {
    const reg = await core.call(token, 'visits.register', {
      participants: [{ person: { name: '张三', noIdReason: '未带身份证', phones: ['13812345678'] } }],
      visit: { headcount: 1, involved: 1 },
      matter: { purpose: '申诉求决', category: '劳动社保', request: '要求补发工资' },
    });
    expect(reg.ok).toBe(true);
    const hits = await core.call(token, 'persons.search', { q: '张三' });
    expect(hits).toMatchObject({ ok: true, value: [{ name: '张三', phoneMasked: '138****5678' }] });
    // Sessions are the writer's: a reader still refuses an unknown token.
    expect(await core.call('forged', 'persons.search', { q: '张' })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(await core.call(null, 'persons.search', { q: '张' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('a lock or a sign-out takes effect on the very next read, despite the resolved-session cache', async () => {
    const login = await core.call(null, 'auth.login', { username: 'admin', password: 'Desk-Keeper-2026' });
    if (!login.ok) throw new Error(login.code);
    const t2 = (login.value as { token: string }).token;
    expect((await core.call(t2, 'persons.search', { q: '张' })).ok).toBe(true);
    await core.call(t2, 'auth.lock', {});
    expect(await core.call(t2, 'persons.search', { q: '张' })).toMatchObject({ ok: false, code: 'SESSION_LOCKED' });
    await core.call(t2, 'auth.unlock', { password: 'Desk-Keeper-2026' });
    expect((await core.call(t2, 'persons.search', { q: '张' })).ok).toBe(true);
    await core.call(t2, 'auth.logout', {});
    expect(await core.call(t2, 'persons.search', { q: '张' })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('gives a reader a connection that cannot write', () => {
    // The client hands readers the key the writer found; a reader without it cannot read the encrypted file.
    expect(() => openReader({ dataDir, logLevel: 'silent' })).toThrow(/key is wrong/);
    const key = databaseKey(dataDir, path.join(dataDir, DB_FILE), osKeyStore()).key;
    const ctx = openReader({ dataDir, logLevel: 'silent', databaseKey: key.toString('hex') });
    try {
      expect(ctx.db.readonly).toBe(true);
      expect(() => ctx.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/i);
      expect(path.basename(ctx.db.name)).toBe(DB_FILE);
    } finally {
      ctx.db.close();
    }
  });

  it('answers searches while long reads occupy a reader', async () => {
    const done: string[] = [];
    const reports = Array.from({ length: 3 }, (_, i) =>
      core.call(token, 'stats.assessment', { from: '2016-01-01', to: '2026-12-31' }).then((r) => {
        expect(r.ok).toBe(true);
        done.push(`report${i}`);
      }),
    );
    const searches = Array.from({ length: 20 }, () =>
      core.call(token, 'persons.search', { q: '张' }).then((r) => {
        expect(r.ok).toBe(true);
        done.push('search');
      }),
    );
    await Promise.all([...reports, ...searches]);
    expect(done.filter((d) => d === 'search')).toHaveLength(20);
    // Calls are never lost or answered twice, whichever thread took them.
    expect(done).toHaveLength(23);
  });
});
