/**
 * 统计研判 (issue 15): a period's whole report (stats.report: the figures beside the period before and a
 * year before, 三无, 零上访村, breakdowns, trend, overdue list) for a month, a quarter, a year and a
 * 90-day range; the matters behind a figure; the early warnings. Targets: any period's report p95
 * ≤ 100 ms with ≤ 50 MB above the process's baseline.
 */
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { MethodName } from '../../core/api/contract/index.js';
import { addDays, localDate } from '../../core/domain/local-time.js';
import { samples, type BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtBytes, fmtUs, summarize, timeUs, vsTarget, type Summary } from '../lib/stats.js';

const TARGET_US = 100_000;
const TARGET_BYTES = 50 * 1024 * 1024;

function timeCall(ctx: BenchContext, method: MethodName, input: unknown, n: number): { s: Summary; rssAbove: number } {
  const once = () => {
    const r = ctx.core.call(LOCAL_SESSION, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.code}`);
  };
  once(); // warm: statements compiled, pages cached
  const base = process.memoryUsage().rss;
  let peak = base;
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    t.push(timeUs(once));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { s: summarize(t), rssAbove: peak - base };
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const today = localDate(ctx.core.ctx.clock.now());
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const lm = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
  const q = Math.ceil(m / 3) - 1 || 4;
  const qy = q === 4 && m <= 3 ? y - 1 : y;
  const periods = [
    { what: `month (${lm.y}-${pad(lm.m)})`, from: `${lm.y}-${pad(lm.m)}-01`, to: monthEnd(lm.y, lm.m) },
    { what: `quarter (${qy} Q${q})`, from: `${qy}-${pad((q - 1) * 3 + 1)}-01`, to: monthEnd(qy, q * 3) },
    { what: `year (${y - 1})`, from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
    { what: `90-day range to ${addDays(today, -1)}`, from: addDays(today, -90), to: addDays(today, -1) },
  ];
  const n = samples(ctx, 40);
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  for (const p of periods) {
    const matters = (ctx.db.prepare('SELECT count(*) AS n FROM matter_facts WHERE registered_on >= ? AND registered_on <= ?').get(p.from, p.to) as { n: number }).n;
    const r = timeCall(ctx, 'stats.report', { from: p.from, to: p.to }, n);
    rows.push([`stats.report, ${p.what}: ${matters.toLocaleString('en-US')} matters`, fmtUs(r.s.p50), fmtUs(r.s.p95), vsTarget(r.s.p95 <= TARGET_US ? 'met' : 'missed', r.s.p95, TARGET_US, '≤'), vsTarget(fmtBytes(r.rssAbove), r.rssAbove, TARGET_BYTES, '≤')]);
    data[p.what] = { ...r, matters };
  }
  const list = timeCall(ctx, 'stats.matters', { from: periods[0]!.from, to: periods[0]!.to, figure: 'timelyDecision', side: 'den' }, samples(ctx, 10));
  rows.push([`stats.matters, the month's 及时受理率 denominator (first 500)`, fmtUs(list.s.p50), fmtUs(list.s.p95), '', fmtBytes(list.rssAbove)]);
  const warn = timeCall(ctx, 'stats.warnings', {}, samples(ctx, 20));
  rows.push(['stats.warnings (the frame badge)', fmtUs(warn.s.p50), fmtUs(warn.s.p95), '', fmtBytes(warn.rssAbove)]);
  const old = timeCall(ctx, 'stats.assessment', { from: periods[2]!.from, to: periods[2]!.to }, samples(ctx, 5));
  rows.push([`before: stats.assessment, year (every status parsed)`, fmtUs(old.s.p50), fmtUs(old.s.p95), '', fmtBytes(old.rssAbove)]);
  return {
    area: 'stats',
    tables: [
      {
        title: '统计研判 (core.call; report = the period, the one before and a year before)',
        columns: ['what', 'p50', 'p95', `target p95 ≤ ${TARGET_US / 1000} ms`, `RSS above baseline (target ≤ ${fmtBytes(TARGET_BYTES)})`],
        rows,
        notes: ['RSS above baseline: the highest resident size sampled after each call minus the size before the loop (SQLite page cache included)'],
      },
    ],
    data: { ...data, list, warnings: warn, assessmentYear: old },
  };
}
