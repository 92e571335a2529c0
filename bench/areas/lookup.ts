/**
 * Person lookup, the desk's hottest path: the five ways an operator finds a person, timed three ways
 * in the same run on the same queries — the raw search statement(s), which return the whole hit list, prepared once, the whole core
 * call (core.call('persons.search'): validation, transaction, search, hit rows, masking), and the
 * same call through the loopback HTTP shell with its token.
 */
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import { classifyQuery } from '../../core/domain/search-query.js';
import { searchPersonHits } from '../../core/store/persons.js';
import { SEARCH_WINDOW } from '../../core/services/person-view.js';
import { captureRuns, StatementCache, type Run } from '../lib/capture.js';
import { samples, type BenchContext } from '../lib/context.js';
import { BENCH_USER } from '../lib/auth.js';
import { apiClient } from '../lib/http.js';
import type { AreaResult } from '../lib/report.js';
import { fmtUs, ratio, summarize, timeUs, timeUsAsync, vsTarget, type Summary } from '../lib/stats.js';

/** The hit list the registration page asks for. */
export const LIMIT = 8;

export interface Probe {
  idNumber: string;
  name: string;
  initials: string;
  mobile: string | null;
}

export const KINDS = [
  { key: 'idFull', label: 'full ID number', query: (p: Probe) => p.idNumber },
  { key: 'idTail', label: 'ID tail (6)', query: (p: Probe) => p.idNumber.slice(-6) },
  { key: 'name', label: 'name prefix (2 chars)', query: (p: Probe) => [...p.name].slice(0, 2).join('') },
  { key: 'initials', label: 'pinyin initials', query: (p: Probe) => p.initials },
  { key: 'phoneTail', label: 'phone tail (4)', query: (p: Probe) => p.mobile!.slice(-4) },
] as const;

/** Random persons with an ID number and a mobile, read straight from the database. */
export function probes(ctx: BenchContext, n: number): Probe[] {
  const maxId = (ctx.db.prepare('SELECT max(id) AS m FROM persons').get() as { m: number }).m;
  const person = ctx.db.prepare(
    `SELECT p.id_number AS idNumber, p.name, p.initials,
            (SELECT phone FROM person_phones WHERE person_id = p.id AND kind = 'mobile' LIMIT 1) AS mobile
       FROM persons p WHERE p.id = ?`,
  );
  const out: Probe[] = [];
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const p = person.get(1 + ctx.rng.int(maxId)) as Probe | undefined;
    if (p?.idNumber && p.mobile) out.push(p);
  }
  return out;
}

interface KindResult {
  kind: string;
  label: string;
  raw: Summary;
  rawCall: Summary;
  core: Summary;
  http: Summary;
}

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const n = samples(ctx, 2000);
  const nHttp = samples(ctx, 1000);
  const people = probes(ctx, n);
  const cache = new StatementCache(ctx.db);
  const anonymous = apiClient(ctx.http);
  const login = (await anonymous.call('auth.login', { username: BENCH_USER.username, password: BENCH_USER.password })) as { ok: boolean; value?: { token: string }; code?: string };
  anonymous.close();
  if (!login.ok || !login.value) throw new Error(`auth.login: ${login.code}`);
  const token = login.value.token;
  const results: KindResult[] = [];

  for (const kind of KINDS) {
    const queries = people.map(kind.query);
    // What the core runs for each query, captured once and replayed on statements prepared once.
    const searchRuns: Run[][] = queries.map((q) => captureRuns(ctx.db, () => searchPersonHits(ctx.db, classifyQuery(q), SEARCH_WINDOW, LIMIT)));
    const callRuns: Run[][] = queries.map((q) => captureRuns(ctx.db, () => ctx.core.call(LOCAL_SESSION, 'persons.search', { q, limit: LIMIT })));
    if (searchRuns.some((r) => r.length === 0)) throw new Error(`${kind.label}: the search ran no statement`);

    const raw: number[] = [];
    const rawCall: number[] = [];
    const core: number[] = [];
    // Warm-up: every query once through every path, so all three read from the same warm cache.
    queries.forEach((q, i) => {
      cache.replay(searchRuns[i]!);
      cache.replay(callRuns[i]!);
      ctx.core.call(LOCAL_SESSION, 'persons.search', { q, limit: LIMIT });
    });
    // The core runs a call's statements in one (read) transaction; so does the raw replay of them.
    const inTransaction = ctx.db.transaction((runs: Run[]) => cache.replay(runs));
    // Each query runs once on each path, in an order that rotates from query to query, so no path
    // always finds the pages the one before it just read in SQLite's own cache.
    queries.forEach((q, i) => {
      const paths = [
        () => raw.push(timeUs(() => cache.replay(searchRuns[i]!))),
        () => rawCall.push(timeUs(() => inTransaction(callRuns[i]!))),
        () =>
          core.push(
            timeUs(() => {
              const r = ctx.core.call(LOCAL_SESSION, 'persons.search', { q, limit: LIMIT });
              if (!r.ok) throw new Error(`persons.search ${q}: ${r.code}`);
            }),
          ),
      ];
      for (let k = 0; k < paths.length; k++) paths[(i + k) % paths.length]!();
    });
    const http: number[] = [];
    // A connection of its own per kind: the core rows above block this process (the shell's too) for seconds at 1M,
    // and a keep-alive connection idle past the shell's keepAliveTimeout is closed by the shell's timer just after the
    // next request was written on it (ECONNRESET). A browser would retry; this client does not.
    const client = apiClient(ctx.http, token);
    for (const q of queries.slice(0, Math.min(20, nHttp))) await client.call('persons.search', { q, limit: LIMIT });
    for (const q of queries.slice(0, nHttp)) {
      http.push(
        await timeUsAsync(async () => {
          const r = (await client.call('persons.search', { q, limit: LIMIT })) as { ok: boolean };
          if (!r.ok) throw new Error(`HTTP persons.search ${q}: not ok`);
        }),
      );
    }
    client.close();
    results.push({ kind: kind.key, label: kind.label, raw: summarize(raw), rawCall: summarize(rawCall), core: summarize(core), http: summarize(http) });
  }

  const worstCore = Math.max(...results.map((r) => r.core.p95 / r.raw.p95));
  const worstHttp = Math.max(...results.map((r) => r.http.p95));
  return {
    area: 'lookup',
    tables: [
      {
        title: `Person lookup (${people.length} random persons per row, ${Math.min(nHttp, people.length)} over HTTP; hit list of ${LIMIT})`,
        columns: ['query', 'raw search stmt p50 / p95', 'core p50 / p95', 'core ÷ raw (p95) vs target ≤ 3×', 'raw, all stmts of the call p50 / p95', 'HTTP p50 / p95', 'HTTP ÷ raw (p95)', 'HTTP p95 vs target ≤ 2 ms'],
        rows: results.map((r) => [
          r.label,
          `${fmtUs(r.raw.p50)} / ${fmtUs(r.raw.p95)}`,
          `${fmtUs(r.core.p50)} / ${fmtUs(r.core.p95)}`,
          vsTarget(ratio(r.core.p95, r.raw.p95), r.core.p95 / r.raw.p95, 3, '≤'),
          `${fmtUs(r.rawCall.p50)} / ${fmtUs(r.rawCall.p95)}`,
          `${fmtUs(r.http.p50)} / ${fmtUs(r.http.p95)}`,
          ratio(r.http.p95, r.raw.p95),
          vsTarget(fmtUs(r.http.p95), r.http.p95, 2000, '≤'),
        ]),
        notes: [
          `targets: core p95 ≤ 3× the raw statement (worst here ${worstCore.toFixed(1)}×); HTTP round trip p95 ≤ 2 ms (worst here ${fmtUs(worstHttp)})`,
          `raw search stmt: the SQL searchPersonHits runs for the query (an index range of up to ${SEARCH_WINDOW} matches ordered by their kept last visit, then the first ${LIMIT} persons and villages: the whole hit list), prepared once; raw, all stmts of the call: every statement core.call ran for it, prepared once, replayed in one transaction as the core runs them — the difference to the core is validation, dispatch, statement preparation, masking and building the hits`,
        ],
      },
    ],
    data: { limit: LIMIT, kinds: results },
  };
}
