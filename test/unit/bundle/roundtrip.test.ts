import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../../core/bundle/export.js';
import { importBundle } from '../../../core/bundle/import.js';
import { BUNDLE_TABLES } from '../../../core/bundle/tables.js';
import { newCounty, newTownship, registerOne } from '../../helpers/bundle.js';

describe('bundle round trip', () => {
  it('carries every record and attachment from the township to the county unchanged', async () => {
    const county = await newCounty();
    const core = await newTownship(county);
    registerOne(core, '张三');
    registerOne(core, '李四');
    const progress: number[] = [];
    const r = await exportBundle(core.ctx, { onProgress: (p) => progress.push(p.fraction) });
    expect(r).toMatchObject({ sequence: 1, full: true });
    expect(progress.at(-1)).toBe(1);
    const out = await importBundle(county, r.file);
    expect(out).toMatchObject({ ok: true, report: { status: 'imported', township: 'ZMQ', sequence: 1 } });
    for (const t of BUNDLE_TABLES) {
      const local = core.ctx.db.prepare(`SELECT * FROM "${t.name}"`).all();
      const remote = (await county.store.townshipRecords('ZMQ', t.name)).map((x) => JSON.parse(x.data));
      expect(remote.length, t.name).toBe(local.length);
      const key = (row: Record<string, unknown>) => JSON.stringify(t.key.map((k) => row[k]));
      expect(new Map(remote.map((x) => [key(x), x])), t.name).toEqual(new Map((local as Record<string, unknown>[]).map((x) => [key(x), x])));
    }
    expect(fs.readdirSync(`${county.dir}/attachments`).length).toBeGreaterThan(0);
  });
});
