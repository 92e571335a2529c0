/** What the county commands share: where the county folder is, size options, opening it. */
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import townshipsJson from '../../resources/townships.json' with { type: 'json' };
import { systemClock } from '../kernel/clock.js';
import { openCounty, type CountyDesk } from '../bundle/county.js';
import { isPostgresUrl } from '../store/county-store.js';
import type { Limits } from '../bundle/manifest.js';

export const COUNTY_OPTION = ['--county <dir>', 'county folder (default: INTAKE_COUNTY, else the folder of --db, else ./county)'] as const;
export const DB_OPTION = ['--db <file|url>', 'county database: a SQLite file, or postgres://… for a PostgreSQL server (default: INTAKE_COUNTY_DB, else county.db in the county folder)'] as const;
export const MAX_SIZE_OPTION = ['--max-size <bytes>', 'refuse bundles larger than this (e.g. 500M, 8G; default 8G)'] as const;

export interface CountyOpts {
  county?: string;
  db?: string;
  maxSize?: number;
}

export function countyDir(opts: CountyOpts, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.county) return path.resolve(opts.county);
  if (env.INTAKE_COUNTY) return path.resolve(env.INTAKE_COUNTY);
  if (opts.db && !isPostgresUrl(opts.db)) return path.dirname(path.resolve(opts.db));
  return path.resolve('county');
}

/** The database named by --db, else INTAKE_COUNTY_DB (a server URL is best kept out of shell history), else the folder's. */
export function countyDb(opts: CountyOpts, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return opts.db ?? (env.INTAKE_COUNTY_DB || undefined);
}

/** "500M" → bytes; plain digits are bytes. */
export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)i?B?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('a size like 2000, 500M or 8G');
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Math.floor(Number(m[1]) * unit);
}

export async function withCounty<T>(opts: CountyOpts, fn: (desk: CountyDesk) => Promise<T> | T): Promise<T> {
  const limits: Partial<Limits> = opts.maxSize ? { bundleBytes: opts.maxSize } : {};
  const desk = await openCounty(countyDir(opts), { db: countyDb(opts), clock: systemClock, limits });
  try {
    return await fn(desk);
  } finally {
    await desk.close();
  }
}

const NAMES = new Map(townshipsJson.townships.map((t) => [t.code, t.name]));
export function townshipLabel(code: string): string {
  return NAMES.has(code) ? `${NAMES.get(code)} (${code})` : code;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatCounts(counts: Record<string, { rows: number; deletes: number }>): string {
  return Object.entries(counts)
    .map(([t, c]) => `${t} ${c.rows}${c.deletes ? ` (-${c.deletes})` : ''}`)
    .join(', ');
}
