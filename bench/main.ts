/**
 * `npm run bench`: the desk's figures at county scale. Seeds (or reuses) a database of
 * BENCH_PERSONS persons (default 1,000,000), opens the core on a copy of it behind the real loopback
 * HTTP shell, runs each area in bench/areas/ and prints its tables; bench/results/latest.json keeps
 * the figures. One file per area: a feature that lands fills its own rows.
 *
 *   BENCH_PERSONS=20000 npm run bench      # a quick run
 *   BENCH_SAMPLES=0.2 npm run bench        # fewer samples per row
 *   BENCH_ONLY=lookup,ui npm run bench     # some areas only
 *   BENCH_NOISY_LOAD=1.5 BENCH_RERUNS=1    # when an area is noisy, and how often a read-only one reruns
 *
 * Every area prints the 1-minute load average before and after it. Above BENCH_NOISY_LOAD another
 * process shared the two cores: a read-only area runs again (the run with the lower load is kept),
 * and one still above it — or one that writes, which cannot run twice on the same data — is marked
 * noisy in its title, so a figure that moved is not read as a change in the code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../core/app.js';
import { startHttpShell } from '../core/http/server.js';
import { startWorkerCore } from '../core/host/client.js';
import { Rng } from '../core/seed/random.js';
import { createAdmin } from './lib/auth.js';
import { dataset, ROOT, workingCopy } from './lib/dataset.js';
import type { BenchContext } from './lib/context.js';
import { machine } from './lib/machine.js';
import { markdown, type AreaResult } from './lib/report.js';
import { fmtBytes, fmtInt, vsTarget } from './lib/stats.js';
import * as hostArea from './areas/host.js';
import * as lookup from './areas/lookup.js';
import * as registration from './areas/registration.js';
import * as deskDay from './areas/desk-day.js';
import * as bundles from './areas/bundles.js';
import * as ui from './areas/ui.js';
import * as storage from './areas/storage.js';
import * as encryption from './areas/encryption.js';
import * as attachments from './areas/attachments.js';
import * as stats from './areas/stats.js';
import * as county from './areas/county.js';
import * as crash from './crash.js'; // crash rounds (CRASH_ROUNDS, default 1000) and a daily backup of this database

/** In order; registration writes, so it runs after the read-only areas. */
const AREAS: Record<string, { run(ctx: BenchContext): Promise<AreaResult> }> = { lookup, host: hostArea, ui, deskDay, stats, bundles, registration, encryption, attachments, storage, county, crash };

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
  return n;
}

const persons = Math.round(envNumber('BENCH_PERSONS', 1_000_000));
const scale = envNumber('BENCH_SAMPLES', 1);
const seed = process.env.BENCH_SEED ?? '1';
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const noisyLoad = envNumber('BENCH_NOISY_LOAD', 1.5);
const reruns = process.env.BENCH_RERUNS === '0' ? 0 : Math.round(envNumber('BENCH_RERUNS', 1));
/** Areas that only read the data set, so a second run measures the same thing. */
const RERUNNABLE = new Set(['lookup', 'host', 'ui', 'deskDay', 'stats']);
/** Areas that count bytes, not time: the load average is printed but cannot make them noisy. */
const LOAD_FREE = new Set(['storage']);

const m = machine();
console.log(`Township Intake benchmarks — ${fmtInt(persons)} persons, seed ${seed}`);
console.log(`machine: ${m.cpus} CPUs (${m.model}), ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}, SQLite ${m.sqlite}`);
console.log(`load average at start: ${m.load1.toFixed(2)} (figures are only comparable on an otherwise idle machine)\n`);

const ds = await dataset(persons, seed);
const dir = workingCopy(ds);
createAdmin(dir); // the desk needs a signed-in user (issue 8): the e2e admin, as the e2e tests make it
const startedAt = Date.now();
// "Now" for the run is where the seeded data ends, moving on in real time.
const offset = startedAt - Date.parse(ds.info.end);
// The core logs to its data folder as the desk does (openCore's default logger).
const core = openCore({ dataDir: dir, clock: { now: () => new Date(Date.now() - offset) } });
// The HTTP shell talks to its own core host (a writer and two reader threads), as browser mode does;
// the in-process core above serves the areas that measure the core itself.
const host = await startWorkerCore({ dataDir: dir, clock: { kind: 'offset', ms: -offset } });
const http = await startHttpShell(host, { port: 0, staticDir: path.join(ROOT, 'out/renderer') });
const ctx: BenchContext = { core, db: core.ctx.db, http, dataset: ds, dataDir: dir, rng: new Rng(`bench:${seed}`), scale };

const results: AreaResult[] = [];
/** Peak RSS so far after each area: which one drives the peak. */
const rssAfter: [string, number][] = [['start (core open, HTTP shell)', process.resourceUsage().maxRSS * 1024]];
const seedTable = {
  title: 'Data set',
  columns: ['what', 'value'],
  rows: [
    ['seeded', `${fmtInt(ds.info.persons)} persons, ${fmtInt(ds.info.matters)} matters (${fmtInt(ds.info.groupMatters)} group), ${fmtInt(ds.info.visits)} visits (${fmtInt(ds.info.repeatVisits)} repeat), ${ds.info.from} – ${ds.info.until}`],
    ['seed time', `${ds.info.seconds.toFixed(0)} s generating (${ds.info.wallSeconds.toFixed(0)} s wall), peak memory ${fmtInt(ds.info.maxRssMiB)} MiB${ds.fresh ? '' : ' (cached from an earlier run)'}`],
  ],
};
console.log(`${markdown(seedTable)}\n`);
try {
  for (const [name, area] of Object.entries(AREAS)) {
    if (only && !only.includes(name)) continue;
    const t0 = performance.now();
    process.stderr.write(`running ${name} …\n`);
    let r: AreaResult | null = null;
    let load = { before: 0, after: 0 };
    let runs = 0;
    for (;;) {
      const before = os.loadavg()[0]!;
      const run = await area.run(ctx);
      const after = os.loadavg()[0]!;
      runs++;
      if (!r || Math.max(before, after) < Math.max(load.before, load.after)) [r, load] = [run, { before, after }];
      if (Math.max(load.before, load.after) <= noisyLoad || LOAD_FREE.has(name) || !RERUNNABLE.has(name) || runs > reruns) break;
      process.stderr.write(`  load average ${before.toFixed(2)} → ${after.toFixed(2)} is above ${noisyLoad}: running ${name} again …\n`);
    }
    const noisy = !LOAD_FREE.has(name) && Math.max(load.before, load.after) > noisyLoad;
    const loadNote = `load average before → after: ${load.before.toFixed(2)} → ${load.after.toFixed(2)}${runs > 1 ? ` (the quieter of ${runs} runs)` : ''}${noisy ? ` — noisy: above ${noisyLoad}, other work shared the cores; do not compare these figures` : ''}`;
    for (const t of r.tables) {
      if (noisy) t.title += ` [noisy: load ${load.before.toFixed(1)} → ${load.after.toFixed(1)}]`;
      t.notes = [...(t.notes ?? []), loadNote];
    }
    r.data = { ...r.data, load: { ...load, runs, noisy, threshold: noisyLoad } };
    rssAfter.push([name, process.resourceUsage().maxRSS * 1024]);
    results.push(r);
    for (const t of r.tables) console.log(`${markdown(t)}\n`);
    process.stderr.write(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
} finally {
  await http.close();
  await host.close();
  core.close();
}

const maxRss = process.resourceUsage().maxRSS * 1024;
const memTable = {
  title: 'Memory',
  columns: ['what', 'peak RSS'],
  rows: [
    ['bench process (core + HTTP shell + Playwright client)', vsTarget(`${fmtBytes(maxRss)} (target ≤ 400 MB)`, maxRss, 400 * 1024 * 1024, '≤')],
    ...rssAfter.map(([name, bytes]) => [`  · peak so far, after ${name}`, fmtBytes(bytes)]),
    ['seed command', `${fmtInt(ds.info.maxRssMiB)} MiB`],
  ],
};
console.log(markdown(memTable));
const loadEnd = os.loadavg()[0]!;
console.log(`\nload average at the end: ${loadEnd.toFixed(2)}`);

fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(ROOT, 'bench/results/latest.json'),
  `${JSON.stringify({ at: new Date(startedAt).toISOString(), persons, seed, scale, machine: m, loadAtEnd: loadEnd, dataset: ds.info, maxRssBytes: maxRss, maxRssAfter: rssAfter, areas: results, tables: [seedTable, ...results.flatMap((r) => r.tables), memTable] }, null, 2)}\n`,
);
fs.rmSync(dir, { recursive: true, force: true });
console.log('\nfigures saved to bench/results/latest.json');
