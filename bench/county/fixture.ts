/**
 * The county bench's input: the 22 townships' first (full) bundles, seeded to BENCH_COUNTY_PERSONS in
 * all, with the county folder they are encrypted to and each township's public key. Seeding 22 desks
 * takes minutes, so the result is kept under bench/.data/ like the desk's dataset (keyed by size,
 * schema and generator); the desks themselves are deleted once they have exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../core/app.js';
import { centerKeyInfo } from '../../core/bundle/center-keys.js';
import { initCounty } from '../../core/bundle/county.js';
import { setCounty } from '../../core/bundle/county-setting.js';
import { exportBundle } from '../../core/bundle/export.js';
import { GENERATOR_VERSION, seedDatabase } from '../../core/seed/generate.js';
import { TOWNSHIPS } from '../../core/services/county.js';
import { SCHEMA_VERSION } from '../../core/store/migrate.js';
import { systemClock } from '../../core/kernel/clock.js';

export interface FixtureTownship {
  code: string;
  file: string;
  persons: number;
  matters: number;
  records: number;
  bytes: number;
  publicKey: string;
  fingerprint: string;
  recipient: string | null;
}

export interface Fixture {
  /** The county folder right after `intake county init` (no store yet): copied for every engine. */
  countyTemplate: string;
  /** "Now" when the bundles were made: the county's clock starts there, so the bundles stay valid. */
  madeAt: string;
  seedSeconds: number;
  exportSeconds: number;
  townships: FixtureTownship[];
}

const FILE = 'fixture.json';

/** The kept fixture for `persons`, made first if there is none (paths resolved). */
export async function countyFixture(dataRoot: string, persons: number): Promise<Fixture> {
  const dir = path.join(dataRoot, `county-p${persons}-schema${SCHEMA_VERSION}-gen${GENERATOR_VERSION}`);
  if (!fs.existsSync(path.join(dir, FILE))) await make(dir, persons);
  return resolved(dir, JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as Fixture);
}

async function make(dir: string, persons: number): Promise<void> {
  const tmp = `${dir}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, 'bundles'), { recursive: true });
  const madeAt = new Date();
  const clock = systemClock;
  const template = path.join(tmp, 'county');
  await initCounty(template, { clock, name: '舒城县信访局' });
  const card = fs.readFileSync(path.join(template, 'county-card.json'), 'utf8');
  const per = Math.round(persons / TOWNSHIPS.length);
  const townships: FixtureTownship[] = [];
  let seedSeconds = 0;
  let exportSeconds = 0;
  for (const [i, t] of TOWNSHIPS.entries()) {
    process.stderr.write(`  county fixture: seeding ${t.code} (${i + 1}/${TOWNSHIPS.length}, ${per.toLocaleString('en-US')} persons) …\n`);
    const deskDir = path.join(tmp, `desk-${t.code}`);
    const core = openCore({ dataDir: deskDir, township: t.code, clock });
    try {
      let t0 = performance.now();
      const seeded = seedDatabase(core.ctx.db, { persons: per, township: t.code, seed: `county-${t.code}`, end: clock.now() });
      seedSeconds += (performance.now() - t0) / 1000;
      core.ctx.db.transaction(() => setCounty(core.ctx, { card }))();
      const key = centerKeyInfo(core.ctx);
      if (!key) throw new Error(`${t.code}: the desk has no center key`);
      const file = path.join(tmp, 'bundles', `${t.code}-000001.bundle`);
      t0 = performance.now();
      const exported = await exportBundle(core.ctx, { out: file });
      exportSeconds += (performance.now() - t0) / 1000;
      const records = Object.values(exported.counts).reduce((n, c) => n + c.rows + c.deletes, 0);
      townships.push({
        code: t.code,
        file: path.relative(tmp, file),
        persons: seeded.persons,
        matters: seeded.matters,
        records,
        bytes: exported.size,
        publicKey: key.publicKey,
        fingerprint: key.fingerprint,
        recipient: key.recipient,
      });
    } finally {
      core.close();
    }
    fs.rmSync(deskDir, { recursive: true, force: true });
  }
  const fixture: Fixture = { countyTemplate: 'county', madeAt: madeAt.toISOString(), seedSeconds, exportSeconds, townships };
  fs.writeFileSync(path.join(tmp, FILE), `${JSON.stringify(fixture, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}

/** Paths in fixture.json are relative to its folder, so the cache can move. */
function resolved(dir: string, f: Fixture): Fixture {
  return { ...f, countyTemplate: path.join(dir, f.countyTemplate), townships: f.townships.map((t) => ({ ...t, file: path.join(dir, t.file) })) };
}
