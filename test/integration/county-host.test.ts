/**
 * The county workstation's core: the desk's sign-in, roles and audit trail in front of the county's
 * methods; the desk's registration methods are not offered; lockout is the desk's own.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountyHost, type CountyHost } from '../../core/host/county-host.js';
import { createLogger } from '../../core/kernel/log.js';
import { initCounty } from '../../core/bundle/county.js';
import { fixedClock, tempDir } from '../helpers/core.js';
import { T0 } from '../helpers/bundle.js';
import { makeId } from '../helpers/ids.js';

const PW = 'County-Keeper-2026';
let host: CountyHost;
let admin = '';
let clerk = '';

beforeAll(async () => {
  const dir = path.join(tempDir('intake-county-host-'), 'county');
  const clock = fixedClock(T0);
  await initCounty(dir, { clock });
  host = await startCountyHost({ dir, clock, log: createLogger(null, 'silent'), setupCode: 'ABCD-EFGH' });
  const setup = await host.call(null, 'auth.setup', { username: 'admin', displayName: '县管理员', password: PW, setupCode: 'ABCD-EFGH' });
  if (!setup.ok) throw new Error(setup.code);
  admin = (setup.value as { token: string }).token;
  expect((await host.call(admin, 'users.create', { username: 'kezhang', displayName: '科员甲', role: 'reception', password: 'Initial-Pass-1' })).ok).toBe(true);
}, 30_000);
afterAll(async () => host?.close());

describe('the county host', () => {
  it('lists the county methods and the accounts, not the desk registration', async () => {
    const caps = await host.call(null, 'system.capabilities', {});
    if (!caps.ok) throw new Error(caps.code);
    const names = Object.keys(caps.value as object);
    expect(names).toContain('county.standing');
    expect(names).toContain('auth.login');
    expect(names).toContain('users.create');
    expect(names).not.toContain('visits.register');
    expect(await host.call(admin, 'visits.register', {})).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' });
  });

  it('refuses county calls before sign-in, and by role', async () => {
    expect(await host.call(null, 'county.overview', {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await host.call('made-up-token', 'county.overview', {})).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    const login = await host.call(null, 'auth.login', { username: 'kezhang', password: 'Initial-Pass-1' });
    if (!login.ok) throw new Error(login.code);
    clerk = (login.value as { token: string }).token;
    // An initial password must be changed first, as at a desk.
    expect(await host.call(clerk, 'county.overview', {})).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect((await host.call(clerk, 'auth.changePassword', { current: 'Initial-Pass-1', next: 'Clerk-Keeper-2026' })).ok).toBe(true);
    expect(await host.call(clerk, 'county.overview', {})).toMatchObject({ ok: true });
    expect(await host.call(clerk, 'county.setLateDays', { days: 20 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('validates input in Chinese and leaves an audit entry for every county write', async () => {
    expect(await host.call(admin, 'county.setLateDays', { days: 0 })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message_zh: '至少 1 天' });
    expect(await host.call(admin, 'county.setLateDays', { days: 20 })).toMatchObject({ ok: true, value: { lateDays: 20 } });
    const trail = await host.call(admin, 'audit.list', {});
    if (!trail.ok) throw new Error(trail.code);
    const rows = trail.value as { actor: string; action: string; outcome: string }[];
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: 'admin', action: 'county.setLateDays', outcome: 'ok' }),
      expect.objectContaining({ actor: 'admin', action: 'county.setLateDays', outcome: 'INVALID_INPUT' }),
      expect.objectContaining({ actor: 'kezhang', action: 'county.setLateDays', outcome: 'FORBIDDEN' }),
    ]));
  });

  it('offers 交办件 (issue 18): validated in Chinese, refused for a township with no recipient, and the batch view', async () => {
    const item = { person: { name: '王五' }, category: '劳动社保', request: '工资拖欠', deadline: '2027-01-31' };
    expect(await host.call(admin, 'county.assign', { township: 'ZMQ', source: '', batch: '2026 第3批', items: [item] })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'source',
      message_zh: '请填写交办来源，如 省联席办',
    });
    expect(await host.call(admin, 'county.assign', { township: 'ZMQ', source: '省联席办', batch: '2026 第3批', items: [] })).toMatchObject({ ok: false, field: 'items' });
    // The desk's person rules already at the county: a batch the desk would refuse is never sealed.
    const good = makeId('1960-01-01', 11);
    const badId = `${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'}`;
    expect(await host.call(admin, 'county.assign', { township: 'ZMQ', source: '省联席办', batch: '2026 第3批', items: [{ ...item, person: { name: '王五', idNumber: badId } }] })).toMatchObject({
      ok: false,
      code: 'ASSIGNMENT_ITEM_INVALID',
      field: 'items.0.person.idNumber',
    });
    expect(await host.call(admin, 'county.assign', { township: 'ZMQ', source: '省联席办', batch: '2026 第3批', items: [{ ...item, person: { name: '王五', phone: '12345' } }] })).toMatchObject({
      ok: false,
      field: 'items.0.person.phone',
    });
    // No key of 张母桥 is trusted yet, so there is no recipient to encrypt to.
    expect(await host.call(admin, 'county.assign', { township: 'ZMQ', source: '省联席办', batch: '2026 第3批', items: [item] })).toMatchObject({
      ok: false,
      code: 'TOWNSHIP_RECIPIENT_UNKNOWN',
    });
    const view = await host.call(admin, 'county.batches', {});
    expect(view).toMatchObject({ ok: true, value: { batches: [] } });
    expect((view as { value: { categories: string[] } }).value.categories).toContain('劳动社保');
    const trail = await host.call(admin, 'audit.list', {});
    const rows = (trail as { value: { action: string; outcome: string }[] }).value;
    expect(rows.some((r) => r.action === 'county.assign' && r.outcome === 'TOWNSHIP_RECIPIENT_UNKNOWN')).toBe(true);
  });

  it('a refused upload is reported with its reason and nothing is imported', async () => {
    const r = await host.call(admin, 'county.check', { fileName: 'junk.bundle', dataBase64: Buffer.from('not a bundle').toString('base64') });
    expect(r).toMatchObject({ ok: true, value: { ok: false, refusal: { code: expect.stringMatching(/^BUNDLE_/) } } });
    const overview = await host.call(admin, 'county.overview', {});
    expect(overview).toMatchObject({ ok: true, value: { townships: expect.arrayContaining([expect.objectContaining({ township: 'ZMQ', bundles: 0, late: true })]) } });
  });
});
