/**
 * The county workstation at scale (issue 17): the 22 townships' full bundles, seeded to
 * BENCH_COUNTY_PERSONS in all (default: the run's BENCH_PERSONS), imported into a fresh county on
 * SQLite and, where BENCH_PG (or INTAKE_TEST_PG) names a PostgreSQL server, on PostgreSQL side by
 * side; then the standing table and the cross-township person search on each. Runs in a child
 * process (bench/county/child.ts) so its replicas do not count against the desk's peak memory.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Fixture } from '../county/fixture.js';
import type { EngineFigures } from '../county/engine-run.js';
import { ROOT } from '../lib/dataset.js';
import { samples, type BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtBytes, fmtInt, fmtMs, vsTarget, type Summary } from '../lib/stats.js';

interface ChildResult {
  fixture: Fixture;
  engines: EngineFigures[];
  loads: { engine: string; before: number; after: number }[];
}

function runChild(args: string[]): Promise<ChildResult> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, path.join(ROOT, 'bench/county/child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult) : reject(new Error(`county bench exited with ${code}`))));
  });
}

const p = (s: Summary): string => `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`;

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const raw = process.env.BENCH_COUNTY_PERSONS;
  const persons = raw ? Number(raw.replaceAll('_', '')) : ctx.dataset.info.persons;
  if (!Number.isInteger(persons) || persons < 22) throw new Error(`BENCH_COUNTY_PERSONS must be a whole number of at least 22, not ${raw}`);
  const pgUrl = process.env.BENCH_PG || process.env.INTAKE_TEST_PG || '';
  const r = await runChild([path.join(ROOT, 'bench/.data'), String(persons), String(samples(ctx, 20)), ...(pgUrl ? [pgUrl] : [])]);
  const f = r.fixture;
  const sum = (k: 'persons' | 'matters' | 'records' | 'bytes') => f.townships.reduce((n, t) => n + t[k], 0);
  const cols = r.engines.map((e) => (e.engine === 'sqlite' ? 'SQLite (county.db)' : 'PostgreSQL'));
  const row = (what: string, cell: (e: EngineFigures) => string): string[] => [what, ...r.engines.map(cell)];
  const notes = [
    `fixture: ${f.townships.length} desks seeded in ${f.seedSeconds.toFixed(0)} s, full bundles exported in ${f.exportSeconds.toFixed(0)} s (kept under bench/.data/ for later runs)`,
    'import: every bundle checked again (decrypt, signatures, chain, every row) and imported in one transaction each, one after another, as `intake county import` does',
    'standing: the 22 townships side by side (三无, 零上访村, the rates, ranking), each from its own report computed by the desk\'s code on the township\'s replica; the first call builds the replicas from the store',
    'person search: `county.searchPersons` across all townships (the store\'s search, then each hit\'s matters, 越级 and repeat visits from the replicas)',
    ...r.loads.map((l) => `${l.engine}: load average ${l.before.toFixed(2)} → ${l.after.toFixed(2)}`),
  ];
  if (!pgUrl) notes.push('PostgreSQL: skipped, neither BENCH_PG nor INTAKE_TEST_PG names a server (`eval "$(PG_DURABLE=1 bash scripts/pg-test-cluster.sh start)"` starts one)');
  return {
    area: 'county',
    tables: [
      {
        title: `County: ${f.townships.length} townships' full bundles, ${fmtInt(sum('persons'))} persons, ${fmtInt(sum('matters'))} matters, ${fmtInt(sum('records'))} records, ${fmtBytes(sum('bytes'))} of bundles`,
        columns: ['what', ...cols],
        rows: [
          row('import, all 22 bundles', (e) => `${e.importSeconds.toFixed(1)} s (${vsTarget(`${fmtInt(e.records / e.importSeconds)} records/s`, e.records / e.importSeconds, 5000, '≥')})`),
          row('first standing table (builds the replicas)', (e) => fmtMs(e.standingColdMs)),
          row('standing table, year to date p50 / p95', (e) => p(e.standingYear)),
          row('standing table, this month p50 / p95', (e) => p(e.standingMonth)),
          ...r.engines[0]!.search.map((s, i) => row(`person search: ${s.label} p50 / p95`, (e) => `${p(e.search[i]!.times)} (${e.search[i]!.hits.toFixed(1)} hits)`)),
          row('county process peak RSS: after import / after queries', (e) => `${fmtBytes(e.rssAfterImportBytes)} / ${fmtBytes(e.rssAfterQueriesBytes)}`),
        ],
        notes,
      },
    ],
    data: { persons, fixture: { ...f, townships: f.townships.map(({ code, persons: n, matters, records, bytes }) => ({ code, persons: n, matters, records, bytes })) }, engines: r.engines, loads: r.loads },
  };
}
