/**
 * One county store engine through the county's day: a fresh county folder (copied from the fixture's
 * template) trusts the 22 townships, imports their full bundles one after another as `intake county
 * import` does, then answers the standing table (三无, rates, ranking: every township's own report)
 * and the cross-township person search, as the county pages ask for them.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openCounty, type CountyDesk } from '../../core/bundle/county.js';
import { importBundle } from '../../core/bundle/import.js';
import { addKey, loadTrust, saveTrust } from '../../core/bundle/trust.js';
import { beijingDay, dropReplicas, searchPersons, standing, townshipReplica } from '../../core/services/county.js';
import { Rng } from '../../core/seed/random.js';
import { summarize, type Summary } from '../lib/stats.js';
import type { Fixture } from './fixture.js';

export type Engine = 'sqlite' | 'postgres';

export interface EngineFigures {
  engine: Engine;
  records: number;
  importSeconds: number;
  /** The first standing table after the imports: every township's replica is built (and folded) here. */
  standingColdMs: number;
  standingYear: Summary;
  standingMonth: Summary;
  search: { kind: string; label: string; times: Summary; hits: number }[];
  /** Peak RSS of the county process so far, after the imports and after the queries. */
  rssAfterImportBytes: number;
  rssAfterQueriesBytes: number;
}

const SEARCH_KINDS = [
  { kind: 'idFull', label: 'full ID number', query: (p: Probe) => p.id_number },
  { kind: 'idTail', label: 'ID tail (6)', query: (p: Probe) => p.id_number.slice(-6) },
  // The county matches whole names (core/store/county-store.ts), not prefixes as the desk's search box does.
  { kind: 'name', label: 'whole name', query: (p: Probe) => p.name },
  { kind: 'initials', label: 'pinyin initials', query: (p: Probe) => p.initials },
] as const;

interface Probe {
  id_number: string;
  name: string;
  initials: string;
}

const rss = (): number => process.resourceUsage().maxRSS * 1024;

/** A fresh database on the server `url` names, for one run. */
async function freshPgDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `intake_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/i, `$1/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/** Random persons with an ID number, from the townships' replicas. */
async function probes(desk: CountyDesk, fixture: Fixture, rng: Rng, n: number): Promise<Probe[]> {
  const out: Probe[] = [];
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const t = fixture.townships[rng.int(fixture.townships.length)]!;
    const db = await townshipReplica(desk, t.code);
    if (!db) continue;
    const p = db.prepare('SELECT id_number, name, initials FROM persons WHERE id = ? AND id_number IS NOT NULL').get(1 + rng.int(t.persons)) as Probe | undefined;
    if (p) out.push(p);
  }
  return out;
}

export async function runEngine(fixture: Fixture, engine: Engine, opts: { workDir: string; pgUrl?: string; samples: number }): Promise<EngineFigures> {
  const dir = path.join(opts.workDir, `county-${engine}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(fixture.countyTemplate, dir, { recursive: true });
  // The county's "now" moves on from when the bundles were made, so they are as fresh as on that day.
  const offset = Date.now() - Date.parse(fixture.madeAt);
  const clock = { now: () => new Date(Date.now() - offset) };
  const db = engine === 'postgres' ? await freshPgDatabase(opts.pgUrl!) : null;
  const desk = await openCounty(dir, { clock, ...(db ? { db: db.url } : {}) });
  try {
    let trust = await loadTrust(desk.dir, desk.store, desk.info.root);
    for (const t of fixture.townships) {
      trust = addKey(trust, { township: t.code, publicKey: t.publicKey, fingerprint: t.fingerprint, recipient: t.recipient, at: clock.now().toISOString() }).trust;
    }
    await saveTrust(desk.dir, desk.store, desk.rootKey(), trust);

    let records = 0;
    const t0 = performance.now();
    for (const t of fixture.townships) {
      process.stderr.write(`  ${engine}: importing ${t.code} (${t.records.toLocaleString('en-US')} records) …\n`);
      const r = await importBundle(desk, t.file);
      if (!r.ok) throw new Error(`${engine}: the county refused ${t.code}'s bundle: ${r.error.message}`);
      records += t.records;
    }
    const importSeconds = (performance.now() - t0) / 1000;
    const rssAfterImportBytes = rss();

    const today = clock.now();
    // Beijing's calendar, as the county's pages count periods (at New Year UTC is still in the old year).
    const to = beijingDay(today);
    const yearFrom = `${to.slice(0, 4)}-01-01`;
    const monthFrom = `${to.slice(0, 7)}-01`;
    process.stderr.write(`  ${engine}: first standing table (builds every township's replica) …\n`);
    const [first, standingColdMs] = await timed(() => standing(desk, yearFrom, to));
    if (first.totals.imported !== fixture.townships.length) throw new Error(`${engine}: the standing table shows ${first.totals.imported} townships imported`);
    const yearTimes: number[] = [];
    const monthTimes: number[] = [];
    for (let i = 0; i < opts.samples; i++) {
      yearTimes.push((await timed(() => standing(desk, yearFrom, to)))[1]);
      monthTimes.push((await timed(() => standing(desk, monthFrom, to)))[1]);
    }

    const people = await probes(desk, fixture, new Rng(`county-bench:${engine}`), opts.samples * 5);
    const search: EngineFigures['search'] = [];
    for (const k of SEARCH_KINDS) {
      const times: number[] = [];
      let hits = 0;
      for (const p of people) {
        const q = k.query(p);
        const [rows, ms] = await timed(() => searchPersons(desk, q));
        if (k.kind === 'idFull' && !rows.some((r) => r.idMasked?.slice(-4) === p.id_number.slice(-4))) throw new Error(`${engine}: ${k.label} did not find the person`);
        hits += rows.length;
        times.push(ms);
      }
      search.push({ kind: k.kind, label: k.label, times: summarize(times), hits: hits / Math.max(1, people.length) });
    }
    return {
      engine,
      records,
      importSeconds,
      standingColdMs,
      standingYear: summarize(yearTimes),
      standingMonth: summarize(monthTimes),
      search,
      rssAfterImportBytes,
      rssAfterQueriesBytes: rss(),
    };
  } finally {
    dropReplicas();
    await desk.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
