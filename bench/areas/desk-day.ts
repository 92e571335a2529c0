/**
 * The lists a duty leader and the supervisor open every day: today's queue (issue 6), the overdue
 * list with its badge, and the year's assessment dashboard (issue 5), each a timed core.call.
 */
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { MethodName } from '../../core/api/contract/index.js';
import { localDate } from '../../core/domain/local-time.js';
import { samples, type BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtUs, summarize, timeUs, type Summary } from '../lib/stats.js';

function timeCall(ctx: BenchContext, method: MethodName, input: unknown, n: number): { s: Summary; size: number } {
  let size = 0;
  const once = () => {
    const r = ctx.core.call(LOCAL_SESSION, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.code}`);
    size = Array.isArray(r.value) ? r.value.length : 1;
  };
  for (let i = 0; i < Math.min(3, n); i++) once(); // warm
  const t: number[] = [];
  for (let i = 0; i < n; i++) t.push(timeUs(once));
  return { s: summarize(t), size };
}

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const today = localDate(ctx.core.ctx.clock.now());
  const lastYear = Number(today.slice(0, 4)) - 1;
  const counts = ctx.core.call(LOCAL_SESSION, 'matters.counts', {});
  if (!counts.ok) throw new Error(`matters.counts: ${counts.code}`);
  const queue = timeCall(ctx, 'today.queue', {}, samples(ctx, 100));
  const q = ctx.core.call(LOCAL_SESSION, 'today.queue', {});
  if (!q.ok) throw new Error(`today.queue: ${q.code}`);
  const queueSize = q.value.items.length;
  const overdue = timeCall(ctx, 'matters.list', { view: 'overdue', limit: 200 }, samples(ctx, 200));
  const badge = timeCall(ctx, 'matters.counts', {}, samples(ctx, 200));
  const year = timeCall(ctx, 'stats.assessment', { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` }, samples(ctx, 10));
  const registeredLastYear = (
    ctx.db.prepare('SELECT count(*) AS n FROM matters WHERE registered_at >= ? AND registered_at < ?').get(
      new Date(`${lastYear}-01-01T00:00:00+08:00`).toISOString(),
      new Date(`${lastYear + 1}-01-01T00:00:00+08:00`).toISOString(),
    ) as { n: number }
  ).n;
  const row = (what: string, r: { s: Summary }) => [what, fmtUs(r.s.p50), fmtUs(r.s.p95)];
  return {
    area: 'desk-day',
    tables: [
      {
        title: 'Daily lists (core.call)',
        columns: ['what', 'p50', 'p95'],
        rows: [
          row(`today's queue (${queueSize} visits today)`, queue),
          row(`overdue list, first page of 200 (${counts.value.overdue.toLocaleString('en-US')} overdue in all)`, overdue),
          row(`overdue / due-soon badge (matters.counts)`, badge),
          row(`year dashboard: assessment figures for ${lastYear} (${registeredLastYear.toLocaleString('en-US')} matters)`, year),
        ],
      },
    ],
    data: { todaysQueue: queue.s, todaysQueueSize: queueSize, overdue: overdue.s, overdueTotal: counts.value.overdue, badge: badge.s, yearDashboard: year.s, yearMatters: registeredLastYear },
  };
}
