/**
 * The seeded database the benchmarks run on. Seeding a million persons takes minutes, so the result
 * is kept under bench/.data/ (git-ignored), keyed by size, seed, schema version and generator
 * version; each run works on a fresh copy, because the registration bench writes to it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../core/store/migrate.js';
import { GENERATOR_VERSION, type SeedSummary } from '../../core/seed/generate.js';
import { KEY_ID_FILE } from '../../core/store/database-key.js';
import chineseDays from 'chinese-days';
import { addDays, localDate } from '../../core/domain/local-time.js';

const { isWorkday } = chineseDays;

export const ROOT = path.resolve(import.meta.dirname, '../..');
const DATA = path.join(ROOT, 'bench/.data');
const CLI = path.join(ROOT, 'bin/intake.js');

export interface SeedInfo extends SeedSummary {
  township: string;
  seed: string;
  counts: Record<string, number>;
  maxRssMiB: number;
  /** Wall time of the seed command, including start-up. */
  wallSeconds: number;
}

export interface Dataset {
  dir: string;
  info: SeedInfo;
  /** True when this run seeded it (rather than reusing the cache). */
  fresh: boolean;
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`intake ${args[0]} exited with ${code}`))));
  });
}

export async function dataset(persons: number, seed: string): Promise<Dataset> {
  if (!fs.existsSync(path.join(ROOT, 'out/node/core/cli/main.js'))) throw new Error('run `npm run build` first (npm run bench does)');
  const dir = path.join(DATA, `p${persons}-s${seed}-schema${SCHEMA_VERSION}-gen${GENERATOR_VERSION}`);
  const infoFile = path.join(dir, 'seed.json');
  if (fs.existsSync(infoFile)) return { dir, info: JSON.parse(fs.readFileSync(infoFile, 'utf8')) as SeedInfo, fresh: false };

  const tmp = `${dir}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  console.error(`Seeding ${persons.toLocaleString('en-US')} persons into ${path.relative(ROOT, dir)} (kept for later runs) …`);
  const t0 = performance.now();
  // The data ends at 16:00 on the last working day before today (Beijing time), so that "today"
  // for the run (bench/main.ts moves the clock there) is a working afternoon with a queue.
  let day = addDays(localDate(new Date()), -1);
  while (!isWorkday(day)) day = addDays(day, -1);
  const until = `${day}T16:00:00+08:00`;
  const out = await run(['seed', '--data', tmp, '--persons', String(persons), '--seed', seed, '--until', until, '--json']);
  const wallSeconds = (performance.now() - t0) / 1000;
  const info: SeedInfo = { ...(JSON.parse(out) as Omit<SeedInfo, 'wallSeconds'>), wallSeconds };
  fs.rmSync(path.join(tmp, 'logs'), { recursive: true, force: true });
  fs.writeFileSync(path.join(tmp, 'seed.json'), `${JSON.stringify(info, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return { dir, info, fresh: true };
}

/** A scratch copy of the seeded database for one run (one folder per process: two benches may share bench/.data). */
export function workingCopy(ds: Dataset): string {
  const dir = path.join(DATA, `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(ds.dir, 'intake.db'), path.join(dir, 'intake.db'));
  fs.copyFileSync(path.join(ds.dir, KEY_ID_FILE), path.join(dir, KEY_ID_FILE)); // the same key, from this machine's key store
  return dir;
}
