/**
 * The core off the UI thread: keystroke search over HTTP while the year's assessment figures are being
 * computed in a loop, beside the same search with nothing else running. Reads go to reader threads,
 * so the search should not notice the report (target: p95 ≤ 2 ms, i.e. unaffected).
 */
import os from 'node:os';
import { BENCH_USER } from '../lib/auth.js';
import { samples, type BenchContext } from '../lib/context.js';
import { apiClient } from '../lib/http.js';
import type { AreaResult } from '../lib/report.js';
import { fmtUs, ratio, summarize } from '../lib/stats.js';

const QUERIES = ['张', 'wang', '1381', '李明', 'zh', '刘', '3424', 'chen'];
const TARGET_US = 2000;

async function searchTimes(client: ReturnType<typeof apiClient>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await client.call('persons.search', { q: QUERIES[i % QUERIES.length]!, limit: 8 });
    out.push((performance.now() - t) * 1000);
  }
  return out;
}

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const n = samples(ctx, 400);
  const anonymous = apiClient(ctx.http);
  const login = (await anonymous.call('auth.login', { username: BENCH_USER.username, password: BENCH_USER.password })) as { ok: boolean; value?: { token: string } };
  anonymous.close();
  if (!login.ok || !login.value) throw new Error('auth.login failed');
  const search = apiClient(ctx.http, login.value.token);
  const report = apiClient(ctx.http, login.value.token);
  const year = ctx.dataset.info.until.slice(0, 4);

  const loadIdle = os.loadavg()[0]!;
  await searchTimes(search, 50); // warm the readers' statement caches
  const idle = summarize(await searchTimes(search, n));

  let reports = 0;
  let reportMs = 0;
  let stop = false;
  const dashboard = (async () => {
    while (!stop) {
      const t = performance.now();
      await report.call('stats.assessment', { from: `${year}-01-01`, to: `${year}-12-31` });
      reportMs += performance.now() - t;
      reports += 1;
    }
  })();
  await new Promise((r) => setTimeout(r, 200)); // the report is under way
  const busy = summarize(await searchTimes(search, n));
  stop = true;
  await dashboard;
  const loadBusy = os.loadavg()[0]!;
  search.close();
  report.close();

  return {
    area: 'host',
    data: { idle, busy, reports, reportMsAvg: reports ? reportMs / reports : null, loadIdle, loadBusy },
    tables: [
      {
        title: 'Core off the UI thread: keystroke search over HTTP (persons.search, limit 8)',
        columns: ['while', 'p50', 'p95', 'p95 ÷ target (2 ms)', 'load average'],
        rows: [
          ['idle', fmtUs(idle.p50), fmtUs(idle.p95), ratio(idle.p95, TARGET_US), loadIdle.toFixed(2)],
          [`the year's stats.assessment runs in a loop (${reports} done, ${reports ? Math.round(reportMs / reports) : '–'} ms each)`, fmtUs(busy.p50), fmtUs(busy.p95), ratio(busy.p95, TARGET_US), loadBusy.toFixed(2)],
        ],
        notes: ['Reads run on two reader threads with read-only connections, writes on the writer thread; the HTTP shell only relays (core/host/client.ts).'],
      },
    ],
  };
}
