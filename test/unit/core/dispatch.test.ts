import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../core/app.js';
import { LOCAL_SESSION, type Session } from '../../../core/kernel/session.js';
import { contract, METHOD_NAMES } from '../../../core/api/contract/index.js';
import { handlers } from '../../../core/api/handler-table.js';
import { createLogger } from '../../../core/kernel/log.js';
import { fixedClock, tempDir, testCore } from '../../helpers/core.js';
import { SCHEMA_VERSION } from '../../../core/store/migrations/index.js';

const reception: Session = { user: 'r1', role: 'reception' };

describe('dispatcher', () => {
  it('has exactly one handler per contract entry', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('answers system.info with version, schema, township and data folder', () => {
    const core = testCore({ township: 'ZMQ' });
    const r = core.call(LOCAL_SESSION, 'system.info', {});
    expect(r.ok && r.value.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.ok && r.value.township).toEqual({ code: 'ZMQ', name: '张母桥镇', kind: 'town' });
    expect(r.ok && r.value.dataDir).toBe(core.ctx.dataDir);
    expect(r.ok && r.value.county).toBe('舒城县');
  });

  it('loads the 22 townships and the sample villages at first start', () => {
    const core = testCore();
    const t = core.call(LOCAL_SESSION, 'townships.list', {});
    expect(t.ok && t.value.length).toBe(22);
    expect(t.ok && t.value.map((x) => x.name)).toContain('舒城经济开发区');
    const v = core.call(LOCAL_SESSION, 'villages.list', { township: 'ZMQ' });
    expect(v.ok && v.value.length).toBeGreaterThan(0);
  });

  it('refuses an unknown method and input that fails the schema, naming the field in Chinese', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(core.call(LOCAL_SESSION, 'villages.drop', {})).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' });
    const bad = core.call(LOCAL_SESSION, 'villages.add', { name: 42 });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'name', message_zh: '请填写村（社区）名称' });
    const extra = core.call(LOCAL_SESSION, 'villages.add', { name: '甲村', sneaky: true });
    expect(extra).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(extra.ok === false && /[\u4e00-\u9fa5]/.test(extra.message_zh)).toBe(true);
    const township = core.call(LOCAL_SESSION, 'villages.list', { township: 'zmq' });
    expect(township).toMatchObject({ ok: false, field: 'township', message_zh: '乡镇代码格式不正确' });
  });

  it('enforces roles: reception may read villages but not add them', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(core.call(reception, 'villages.list', {}).ok).toBe(true);
    expect(core.call(reception, 'villages.add', { name: '甲村' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(contract['villages.add'].roles).toEqual(['admin']);
  });

  it('adds a village, refuses a duplicate in the same township, allows it in another', () => {
    const core = testCore({ township: 'ZMQ' });
    const first = core.call(LOCAL_SESSION, 'villages.add', { name: ' 甲 村 ' });
    expect(first).toMatchObject({ ok: true, value: { name: '甲村', townshipCode: 'ZMQ' } });
    expect(core.call(LOCAL_SESSION, 'villages.add', { name: '甲村' })).toMatchObject({
      ok: false,
      code: 'VILLAGE_DUPLICATE',
      field: 'name',
      message_zh: '本乡镇已有同名的村（社区）',
    });
    expect(core.call(LOCAL_SESSION, 'villages.add', { township: 'CG', name: '甲村' }).ok).toBe(true);
  });

  it('lists villages in pinyin order', () => {
    const core = testCore({ township: 'ZMQ' });
    for (const name of ['张庄村', '安乐村', '白果村']) core.call(LOCAL_SESSION, 'villages.add', { name });
    const r = core.call(LOCAL_SESSION, 'villages.list', {});
    const names = r.ok ? r.value.map((v) => v.name) : [];
    expect(names.indexOf('安乐村')).toBeLessThan(names.indexOf('白果村'));
    expect(names.indexOf('白果村')).toBeLessThan(names.indexOf('张庄村'));
  });

  it('keeps the backup retention the admin sets, within bounds', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(core.call(LOCAL_SESSION, 'system.info', {})).toMatchObject({ ok: true, value: { backupKeepDays: 30 } });
    expect(core.call(LOCAL_SESSION, 'system.configure', { backupKeepDays: 3 })).toMatchObject({ ok: false, field: 'backupKeepDays', message_zh: '备份至少保留 7 天' });
    expect(core.call(LOCAL_SESSION, 'system.configure', { backupKeepDays: 90 })).toMatchObject({ ok: true, value: { backupKeepDays: 90 } });
  });

  it('asks for the township when the center has none and the call names none', () => {
    const core = testCore();
    expect(core.call(LOCAL_SESSION, 'villages.list', {})).toMatchObject({ ok: false, code: 'TOWNSHIP_NOT_SET' });
    expect(core.call(LOCAL_SESSION, 'system.configure', { township: 'XX' })).toMatchObject({ ok: false, code: 'TOWNSHIP_UNKNOWN' });
    expect(core.call(LOCAL_SESSION, 'system.configure', { township: 'TX' }).ok).toBe(true);
    expect(core.call(LOCAL_SESSION, 'villages.list', {}).ok).toBe(true);
  });

  it('keeps what was saved across a restart and does not reload the sample over it', () => {
    const dataDir = tempDir();
    const log = createLogger(null, 'silent');
    const a = openCore({ dataDir, log, township: 'ZMQ', clock: fixedClock('2026-11-24T09:00:00Z') });
    a.call(LOCAL_SESSION, 'villages.add', { name: '甲村' });
    a.close();
    const b = openCore({ dataDir, log });
    const r = b.call(LOCAL_SESSION, 'villages.list', {});
    const names = r.ok ? r.value.map((v) => v.name) : [];
    expect(names.filter((n) => n === '甲村')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    b.close();
  });

  it('turns an unexpected error into an incident id and logs no input', () => {
    const dataDir = tempDir();
    const core = openCore({ dataDir, log: createLogger(dataDir, 'info'), township: 'ZMQ' });
    core.ctx.db.exec('DROP TABLE villages'); // simulate a broken store
    const r = core.call(LOCAL_SESSION, 'villages.add', { name: '秘密村' });
    expect(r).toMatchObject({ ok: false, code: 'INTERNAL' });
    const incident = r.ok ? '' : r.incident!;
    expect(incident).toMatch(/^[0-9a-f]{8}$/);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'intake.log'), 'utf8');
    expect(log).toContain(incident);
    expect(log).not.toContain('秘密村');
  });
});
