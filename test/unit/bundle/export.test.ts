import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import { exportBundle } from '../../../core/bundle/export.js';
import { importBundle } from '../../../core/bundle/import.js';
import { checkBundle } from '../../../core/bundle/check.js';
import type { CountyDesk } from '../../../core/bundle/county.js';
import { BUNDLE_TABLES } from '../../../core/bundle/tables.js';
import { newCounty, newTownship, registerOne } from '../../helpers/bundle.js';
import { testCore } from '../../helpers/core.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function pair(): Promise<{ county: CountyDesk; core: Core }> {
  const county = await newCounty();
  const core = await newTownship(county);
  open.push(county, core);
  return { county, core };
}

describe('change journal (migration 004)', () => {
  it('has insert, update and delete triggers on every exported table, keyed by its real primary key', () => {
    const core = testCore();
    open.push(core);
    const db = core.ctx.db;
    for (const t of BUNDLE_TABLES) {
      const pk = (db.prepare(`PRAGMA table_info("${t.name}")`).all() as { name: string; pk: number }[])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      expect(pk, t.name).toEqual(t.key);
      const triggers = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?").all(t.name) as { name: string }[]).map((r) => r.name);
      expect(triggers, t.name).toEqual(expect.arrayContaining([`change_log_${t.name}_ins`, `change_log_${t.name}_upd`, `change_log_${t.name}_del`]));
    }
  });

  it('journals the keys of inserted, updated and deleted rows', () => {
    const core = testCore({ township: 'ZMQ' });
    open.push(core);
    const db = core.ctx.db;
    const start = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
    registerOne(core);
    db.prepare("UPDATE persons SET address = '东风村' WHERE id = 1").run();
    db.prepare('DELETE FROM person_phones WHERE person_id = 1').run();
    const log = db.prepare('SELECT tbl, row_key FROM change_log WHERE seq > ? ORDER BY seq').all(start) as { tbl: string; row_key: string }[];
    expect(log).toEqual(
      expect.arrayContaining([
        { tbl: 'persons', row_key: '[1]' },
        { tbl: 'person_phones', row_key: '[1,"13812345678"]' },
        { tbl: 'matters', row_key: '[1]' },
        { tbl: 'visits', row_key: '[1]' },
        { tbl: 'attachments', row_key: '[1]' },
        { tbl: 'matter_events', row_key: '[1]' },
      ]),
    );
    expect(log.filter((l) => l.tbl === 'person_phones')).toHaveLength(2); // inserted, then deleted
  });
});

describe('township export', () => {
  it('is full the first time, then carries only what changed, with deletions as tombstones', async () => {
    const { county, core } = await pair();
    registerOne(core, '张三');
    registerOne(core, '李四');
    const b1 = await exportBundle(core.ctx);
    expect(b1).toMatchObject({ sequence: 1, full: true, attachments: 2 });
    expect(b1.counts.persons).toEqual({ rows: 2, deletes: 0 });
    expect(b1.counts.villages!.rows).toBeGreaterThan(10); // reference data goes the first time

    registerOne(core, '王五', null);
    core.ctx.db.prepare('DELETE FROM person_phones WHERE person_id = 1').run();
    const b2 = await exportBundle(core.ctx);
    expect(b2).toMatchObject({ sequence: 2, full: false, attachments: 0 });
    expect(b2.counts).toMatchObject({
      persons: { rows: 1, deletes: 0 },
      person_phones: { rows: 1, deletes: 1 },
      matters: { rows: 1, deletes: 0 },
      villages: { rows: 0, deletes: 0 },
      attachments: { rows: 0, deletes: 0 },
    });

    const b3 = await exportBundle(core.ctx);
    expect(Object.values(b3.counts).every((c) => c.rows === 0 && c.deletes === 0)).toBe(true);

    for (const b of [b1, b2, b3]) expect(await importBundle(county, b.file)).toMatchObject({ ok: true, report: { status: 'imported' } });
    const phones = (await county.store.townshipRecords('ZMQ', 'person_phones')).map((r) => JSON.parse(r.data).person_id);
    expect(phones.sort()).toEqual([2, 3]);
    expect(await county.store.townshipRecords('ZMQ', 'persons')).toHaveLength(3);
  });

  it('a full re-export carries everything again and continues the chain', async () => {
    const { county, core } = await pair();
    registerOne(core);
    const b1 = await exportBundle(core.ctx);
    const b2 = await exportBundle(core.ctx, { full: true });
    expect(b2).toMatchObject({ sequence: 2, full: true });
    expect(b2.counts.persons).toEqual({ rows: 1, deletes: 0 });
    await importBundle(county, b1.file);
    expect(await importBundle(county, b2.file)).toMatchObject({ ok: true, report: { status: 'imported', full: true } });
  });

  it('puts bundles in the data folder by default, names them by township and sequence, never overwrites', async () => {
    const { core } = await pair();
    const b1 = await exportBundle(core.ctx);
    expect(b1.file).toBe(path.join(core.ctx.dataDir, 'exports', 'ZMQ-000001.bundle'));
    expect(fs.statSync(b1.file).mode & 0o777).toBe(0o600);
    await expect(exportBundle(core.ctx, { out: b1.file })).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(fs.readdirSync(path.join(core.ctx.dataDir, 'exports'))).toEqual(['ZMQ-000001.bundle']);
  });

  it('is refused without a county recipient, and keeps the desk working while it runs', async () => {
    const core = testCore({ township: 'ZMQ' });
    open.push(core);
    await expect(exportBundle(core.ctx)).rejects.toMatchObject({ code: 'COUNTY_NOT_SET' });
    const { core: c2 } = await pair();
    registerOne(c2);
    const running = exportBundle(c2.ctx);
    // A registration lands while the export is running: it goes in the next bundle, not this one.
    registerOne(c2, '赵六', null);
    const b1 = await running;
    expect(b1.counts.persons!.rows).toBe(1);
    expect((await exportBundle(c2.ctx)).counts.persons).toEqual({ rows: 1, deletes: 0 });
  });

  it('refuses to export an attachment whose bytes changed on disk', async () => {
    const { core } = await pair();
    registerOne(core);
    const sha = (core.ctx.db.prepare('SELECT sha256 FROM attachments').get() as { sha256: string }).sha256;
    fs.appendFileSync(path.join(core.ctx.dataDir, 'attachments', sha.slice(0, 2), sha), 'x');
    await expect(exportBundle(core.ctx)).rejects.toMatchObject({ code: 'ATTACHMENT_DAMAGED' });
    expect(fs.readdirSync(path.join(core.ctx.dataDir, 'exports'))).toEqual([]);
  });

  it('records the manifest the county can read: counts, files, no audit head before the audit trail exists', async () => {
    const { county, core } = await pair();
    registerOne(core);
    const b = await exportBundle(core.ctx);
    const checked = await checkBundle(county, b.file);
    try {
      expect(checked.manifest.files.map((f) => f.path)).toEqual([...BUNDLE_TABLES.map((t) => `tables/${t.name}.ndjson`), expect.stringMatching(/^files\/[0-9a-f]{64}$/)]);
      expect(checked.manifest.counts).toEqual(b.counts);
      const hasAudit = core.ctx.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'audit_log'").get();
      if (!hasAudit) expect(checked.manifest.audit).toBeNull();
      else expect(checked.manifest.audit === null || /^[0-9a-f]{64}$/.test(checked.manifest.audit.head)).toBe(true);
    } finally {
      checked.dispose();
    }
  });
});

describe('export as a job (the admin page)', () => {
  it('starts at once, reports progress, and finishes with the file', async () => {
    const { core } = await pair();
    registerOne(core);
    const start = core.call<'bundles.exportStart'>(LOCAL_SESSION, 'bundles.exportStart', { full: false });
    expect(start.ok).toBe(true);
    if (!start.ok) return;
    let status = core.call<'bundles.exportStatus'>(LOCAL_SESSION, 'bundles.exportStatus', { jobId: start.value.id });
    for (let i = 0; i < 200 && status.ok && status.value.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = core.call<'bundles.exportStatus'>(LOCAL_SESSION, 'bundles.exportStatus', { jobId: start.value.id });
    }
    expect(status).toMatchObject({ ok: true, value: { state: 'done', percent: 100, result: { sequence: 1 } } });
    expect(core.call(LOCAL_SESSION, 'bundles.status', {})).toMatchObject({ ok: true, value: { last: { sequence: 1 }, county: { set: true } } });
  });

  it('refuses at once, in Chinese, when the county is not set', () => {
    const core = testCore({ township: 'ZMQ' });
    open.push(core);
    expect(core.call<'bundles.exportStart'>(LOCAL_SESSION, 'bundles.exportStart', {})).toMatchObject({ ok: false, code: 'COUNTY_NOT_SET', message_zh: expect.stringContaining('县信访局') });
  });
});
