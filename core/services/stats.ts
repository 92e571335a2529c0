/**
 * 统计研判: a period's figures beside the period before and the same period a year before, the
 * township's standing (三无, 零上访村), breakdowns, trend, the matters behind any figure, and the early
 * warnings. Everything reads the kept summary (core/store/figures.ts), never a pass over every
 * matter's status; the definitions are core/domain/figures.ts.
 *
 * The functions take a database handle and a scope (one township, or every township), not the desk's
 * context, so the county can run the same code over its own database.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  breaksSanwu, FIGURES, isIdle, isMember, LIVE, METRICS, surge, VISIT_METRICS,
  type FigureDef, type LiveId, type MatterFacts, type MetricId, type Part, type SanwuCondition, type WarningThresholds,
} from '../domain/figures.js';
import { addDays } from '../domain/local-time.js';
import { calendarKey, daysBetween, monthPeriod, periodOf, previousPeriod, trailingMonths, yearAgoPeriod, type Period } from '../domain/periods.js';
import { STATE_LABELS, type CaseState } from '../domain/case-state.js';
import { SKIP_LEVELS } from '../domain/categories.js';
import { maskIdNumber } from '../domain/masking.js';
import type {
  BreakdownDto, FigureMatterDto, FigureMattersDto, FigureRowDto, FigureValue, OverdueRowDto, SanwuDto, StatsReportDto, VillagesDto, WarningDto, WarningsDto,
} from '../domain/views/stats.js';
import { DEFAULT_EVALUATION_DAYS } from '../domain/evaluation.js';
import {
  awaitingEvaluationFacts, backlogFacts, countAwaitingEvaluation, countLate, distinctInRange, distinctKept, factsBetween, factsVisitedBetween, factsWithSkips, keyOpenFacts, matterRowsByIds, monthly,
  openFactsRegistered, personsVisitingAgain, sumBefore, sumsBetween, type FigureMatterRow, type FiguresScope, type Sums,
} from '../store/figures.js';
import { listMatterRows } from '../store/matter-status.js';
import { listProjects } from '../store/projects.js';
import { listVillages, type VillageRecord } from '../store/villages.js';
import { IntakeError } from '../kernel/errors.js';

export interface StatsOptions {
  today: string;
  sanwu: readonly SanwuCondition[];
  /** For the report's title: the township's or the county's name. */
  scopeName: string;
  /** Days after a reply before an unevaluated matter is 超期未评价 (a setting; DEFAULT_EVALUATION_DAYS). */
  evaluationDays?: number;
}

/** Beijing midnight of a date, as the UTC instant the store keeps. */
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** One period's parts: every number a figure is made of. */
class PeriodParts {
  private sums: Sums;
  private late: Record<LiveId, number> | null = null;
  private distinct: { visited: number; repeated: number } | null = null;
  constructor(private db: Database, private scope: FiguresScope, readonly p: Period, private today: string, private evaluationDays = DEFAULT_EVALUATION_DAYS) {
    this.sums = sumsBetween(db, scope, p.from, p.to);
  }

  /** A kept metric summed over its keys (or one key). */
  sum(metric: string, key?: string): number {
    const m = this.sums.get(metric);
    if (!m) return 0;
    if (key !== undefined) return m.get(key) ?? 0;
    let n = 0;
    for (const v of m.values()) n += v;
    return n;
  }

  keyed(metric: string): Map<string, number> {
    return this.sums.get(metric) ?? new Map();
  }

  part(part: Part): number {
    if (part in METRICS || part in VISIT_METRICS) return this.sum(part);
    if (part in LIVE) {
      this.late ??= countLate(this.db, this.scope, this.p.from, this.p.to, this.today);
      return this.late[part as LiveId];
    }
    switch (part) {
      case 'backlogStart':
        return sumBefore(this.db, this.scope, 'backlogIn', this.p.from) - sumBefore(this.db, this.scope, 'backlogOut', this.p.from);
      case 'backlogOpen': {
        const after = addDays(this.p.to, 1);
        return sumBefore(this.db, this.scope, 'backlogIn', after) - sumBefore(this.db, this.scope, 'backlogOut', after);
      }
      case 'evalExpired':
        // Replied before today minus the window and never evaluated: the window is over (core/domain/evaluation.ts).
        return countAwaitingEvaluation(this.db, this.scope, this.p.from, this.p.to, addDays(this.today, -this.evaluationDays));
      case 'visitedMatters':
      case 'repeatMatters': {
        if (!this.distinct) {
          const key = calendarKey(this.p);
          this.distinct = key ? distinctKept(this.db, this.scope, key) : distinctInRange(this.db, this.scope, this.p.from, this.p.to);
        }
        return part === 'visitedMatters' ? this.distinct.visited : this.distinct.repeated;
      }
      default:
        return 0;
    }
  }

  figure(def: FigureDef): FigureValue {
    const num = def.num.reduce((n, p) => n + this.part(p), 0);
    if (def.kind === 'count') return { num, den: null, value: num };
    const den = def.den!.reduce((n, p) => n + this.part(p), 0);
    return { num, den, value: den === 0 ? null : num / den };
  }
}

const BREAKDOWNS: { metric: MetricId | 'skip'; label: string }[] = [
  { metric: 'reg.category', label: '按内容分类' },
  { metric: 'reg.village', label: '按问题发生地（村/社区）' },
  { metric: 'reg.purpose', label: '按信访目的' },
  { metric: 'reg.channel', label: '按信访形式' },
  { metric: 'reg.unit', label: '按责任单位' },
  { metric: 'reg.handler', label: '按经办人' },
  { metric: 'skip', label: '越级访（按层级）' },
];

function villagesOf(db: Database, scope: FiguresScope): VillageRecord[] {
  if (scope.township !== null) return listVillages(db, scope.township);
  return (db.prepare('SELECT code FROM townships').all() as { code: string }[]).flatMap((t) => listVillages(db, t.code));
}

function keyLabel(metric: string, key: string, villages: Map<string, string>): string {
  if (metric === 'reg.village') return key === '' ? '（未填发生地）' : (villages.get(key) ?? `村 #${key}`);
  if (metric === 'skip') return `${SKIP_LEVELS[key as keyof typeof SKIP_LEVELS] ?? key}`;
  if (metric === 'reg.unit') return key === '' ? '（未交办单位）' : key;
  if (metric === 'reg.handler') return key === '' ? '（未指定经办人）' : key;
  return key;
}

/** The period a from–to input names, checked. */
export function periodFor(from: string, to: string): Period {
  if (to < from) throw new IntakeError('INVALID_INPUT', { field: 'to', message_zh: '结束日期不能早于开始日期' });
  if (daysBetween(from, to) > 3660) throw new IntakeError('INVALID_INPUT', { field: 'to', message_zh: '统计周期最长十年' });
  return periodOf(from, to);
}

const toMatterDto = (r: FigureMatterRow): FigureMatterDto => ({
  id: r.id,
  caseNo: r.caseNo,
  channel: r.sourceBody ? `${r.channel}（${r.sourceBody}）` : r.channel,
  category: r.category,
  registeredOn: r.registeredAt.slice(0, 10),
  state: STATE_LABELS[r.state as CaseState] ?? r.state,
  unit: r.unit,
  village: r.village,
  persons: r.persons,
  idMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
});

function sanwuOf(db: Database, scope: FiguresScope, p: Period, conditions: readonly SanwuCondition[]): SanwuDto {
  const candidates = factsWithSkips(db, scope, [...new Set(conditions.map((c) => c.level))], p);
  const broken = new Map<number, string[]>();
  const counts = conditions.map((c) => {
    const hit = candidates.filter((f) => breaksSanwu(c, f, p.from, p.to));
    for (const f of hit) broken.set(f.matterId, [...(broken.get(f.matterId) ?? []), c.label]);
    return { label: c.label, broken: hit.length };
  });
  const rows = matterRowsByIds(db, [...broken.keys()]).map(toMatterDto);
  return { met: counts.every((c) => c.broken === 0), conditions: counts, breakers: rows.map((r) => ({ ...r, conditions: broken.get(r.id) ?? [] })) };
}

function villagesFigure(villages: readonly VillageRecord[], byVillage: Map<string, number>): VillagesDto {
  const withPetitions = villages
    .filter((v) => (byVillage.get(String(v.id)) ?? 0) > 0)
    .map((v) => ({ villageId: v.id, name: v.name, n: byVillage.get(String(v.id))! }))
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'zh'));
  const zero = villages.filter((v) => !byVillage.get(String(v.id)));
  return {
    total: villages.length,
    zero: zero.length,
    share: villages.length === 0 ? null : zero.length / villages.length,
    zeroNames: zero.map((v) => v.name).sort((a, b) => a.localeCompare(b, 'zh')),
    withPetitions,
  };
}

function overdueList(db: Database, today: string): OverdueRowDto[] {
  return listMatterRows(db, { view: 'overdue', today, soon: addDays(today, 3), limit: 200 }).map((r) => ({
    id: r.id,
    caseNo: r.caseNo,
    category: r.category,
    registeredOn: r.registeredAt.slice(0, 10),
    state: STATE_LABELS[r.state],
    nextDue: r.nextDue,
    dueKind: r.nextDueKind === 'decide' ? '告知受理' : '答复办结',
    unit: r.unit,
    daysOver: r.nextDue ? daysBetween(r.nextDue, today) : 0,
  }));
}

/** The whole report for a period: what the page shows, what prints and what the workbook holds. */
export function statsReport(db: Database, scope: FiguresScope, from: string, to: string, o: StatsOptions): StatsReportDto {
  const period = periodFor(from, to);
  const previous = previousPeriod(period);
  const yearAgo = yearAgoPeriod(period);
  const [cur, prev, ago] = [period, previous, yearAgo].map((p) => new PeriodParts(db, scope, p, o.today, o.evaluationDays)) as [PeriodParts, PeriodParts, PeriodParts];
  const figures: FigureRowDto[] = FIGURES.map((d) => ({
    id: d.id,
    label: d.label,
    group: d.group,
    kind: d.kind,
    numLabel: d.numLabel,
    denLabel: d.denLabel ?? null,
    target: d.target ?? null,
    better: d.better,
    current: cur.figure(d),
    previous: prev.figure(d),
    yearAgo: ago.figure(d),
  }));
  const villages = villagesOf(db, scope);
  const villageNames = new Map(villages.map((v) => [String(v.id), v.name]));
  const breakdowns: BreakdownDto[] = BREAKDOWNS.map(({ metric, label }) => {
    const keys = new Set([...cur.keyed(metric).keys()]);
    return {
      metric,
      label,
      rows: [...keys]
        .map((key) => ({ key, label: keyLabel(metric, key, villageNames), n: cur.sum(metric, key), previous: prev.sum(metric, key), yearAgo: ago.sum(metric, key) }))
        .filter((r) => r.n > 0)
        .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label, 'zh')),
    };
  });
  const down = cur.keyed('batch.down');
  const batches = [...down.keys()].sort().map((batch) => ({ batch, handedDown: down.get(batch)!, resolved: cur.sum('batch.resolved', batch) }));
  const months = trailingMonths(period.to);
  const [reg, visits, repeats] = ['reg', 'visits', 'repeatVisits'].map((m) => monthly(db, scope, m, months)) as [Map<string, number>, Map<string, number>, Map<string, number>];
  return {
    scopeName: o.scopeName,
    township: scope.township,
    today: o.today,
    period,
    previous,
    yearAgo,
    figures,
    breakdowns,
    batches,
    sanwu: sanwuOf(db, scope, period, o.sanwu),
    villages: villagesFigure(villages, cur.keyed('reg.village')),
    trend: months.map((month) => ({ month, registered: reg.get(month) ?? 0, visits: visits.get(month) ?? 0, repeatVisits: repeats.get(month) ?? 0 })),
    overdue: overdueList(db, o.today),
  };
}

// ---- The matters behind a figure --------------------------------------------------------------

const LIST_LIMIT = 500;

/** Candidate facts for a part, narrowed by an index; isMember then decides. */
function candidates(db: Database, scope: FiguresScope, part: Part, p: Period): MatterFacts[] {
  if (part in VISIT_METRICS || part === 'visitedMatters' || part === 'repeatMatters') return factsVisitedBetween(db, scope, startOf(p.from), startOf(addDays(p.to, 1)));
  if (part in LIVE) return openFactsRegistered(db, scope, p.from, p.to);
  if (part === 'evalExpired') return awaitingEvaluationFacts(db, scope, p.from, p.to);
  if (part === 'backlogStart' || part === 'backlogOpen') return backlogFacts(db, scope, p.to);
  if (part === 'backlogIn') return factsBetween(db, scope, 'backlog_on', p.from, p.to);
  if (part === 'firstResolved' || part === 'firstOnce' || part === 'backlogOut') return factsBetween(db, scope, 'resolved_on', p.from, p.to);
  return factsBetween(db, scope, 'registered_on', p.from, p.to);
}

export interface FigureQuery {
  from: string;
  to: string;
  /** A figure's id and which side of it, or a breakdown's metric and key. */
  figure?: string;
  side?: 'num' | 'den';
  metric?: string;
  key?: string;
}

/** The matters a figure (or a breakdown row) counts, newest first: the same test as the count. */
export function figureMatters(db: Database, scope: FiguresScope, q: FigureQuery, today: string, limit = LIST_LIMIT, evaluationDays = DEFAULT_EVALUATION_DAYS): FigureMattersDto {
  const p = periodFor(q.from, q.to);
  let parts: Part[];
  let title: string;
  if (q.figure) {
    const def = FIGURES.find((d) => d.id === q.figure);
    if (!def) throw new IntakeError('INVALID_INPUT', { field: 'figure', message_zh: '没有这个指标' });
    const side = q.side ?? 'num';
    if (side === 'den' && !def.den) throw new IntakeError('INVALID_INPUT', { field: 'side', message_zh: '该指标没有分母' });
    parts = side === 'num' ? def.num : def.den!;
    title = `${def.label}：${side === 'num' ? def.numLabel : def.denLabel}`;
  } else if (q.metric && (q.metric in METRICS || q.metric === 'skip')) {
    parts = q.metric === 'skip' ? [] : [q.metric as MetricId];
    title = `${METRICS[q.metric as MetricId]?.label ?? '越级访'}${q.key !== undefined ? `：${q.key || '（未填）'}` : ''}`;
  } else throw new IntakeError('INVALID_INPUT', { field: 'figure', message_zh: '请指定指标' });

  const hits = new Map<number, MatterFacts>();
  const ctx = { from: p.from, to: p.to, today, evaluationDays };
  if (q.metric === 'skip') {
    for (const f of factsWithSkips(db, scope, q.key ? [q.key] : Object.keys(SKIP_LEVELS), p)) {
      if (f.skips.some((s) => (q.key === undefined || s.level === q.key) && s.on >= p.from && s.on <= p.to)) hits.set(f.matterId, f);
    }
  }
  for (const part of parts) for (const f of candidates(db, scope, part, p)) if (isMember(part, f, ctx, q.metric ? q.key : undefined)) hits.set(f.matterId, f);
  const ordered = [...hits.values()].sort((a, b) => (a.registeredOn > b.registeredOn ? -1 : a.registeredOn < b.registeredOn ? 1 : b.matterId - a.matterId));
  const rows = matterRowsByIds(db, ordered.slice(0, limit).map((f) => f.matterId)).map(toMatterDto);
  return { title: `${p.label} ${title}`, total: ordered.length, truncated: ordered.length > limit, rows };
}

// ---- Early warnings -------------------------------------------------------------------------

/** The early warnings as of today, with the thresholds they used. */
export function warnings(db: Database, scope: FiguresScope, today: string, t: WarningThresholds): WarningsDto {
  const items: WarningDto[] = [];
  for (const r of personsVisitingAgain(db, scope, startOf(addDays(today, -(t.repeatDays - 1))))) {
    items.push({ kind: 'repeatPerson', title: `${r.name} ${t.repeatDays} 日内来访 ${r.visits} 次`, detail: `最近一次 ${r.lastAt.slice(0, 10)}`, matterIds: r.matterIds.split(',').map(Number) });
  }
  const recent = sumsBetween(db, scope, addDays(today, -(t.clusterDays - 1)), today);
  const villageNames = new Map(villagesOf(db, scope).map((v) => [String(v.id), v.name]));
  for (const [metric, kind, what] of [['reg.village', 'villageCluster', '村/社区'], ['reg.category', 'categoryCluster', '类别']] as const) {
    for (const [key, n] of recent.get(metric) ?? []) {
      if (key === '' || n < t.clusterCount) continue;
      const name = metric === 'reg.village' ? (villageNames.get(key) ?? key) : key;
      items.push({ kind, title: `${what}“${name}” ${t.clusterDays} 日内登记 ${n} 件`, detail: `达到 ${t.clusterCount} 件的预警线`, matterIds: [] });
    }
  }
  const monthStart = `${today.slice(0, 7)}-01`;
  const dayOfMonth = Number(today.slice(8, 10));
  const prevMonth = monthPeriod(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1);
  const prevStart = prevMonth.from;
  const prevEnd = addDays(prevStart, dayOfMonth - 1) < prevMonth.to ? addDays(prevStart, dayOfMonth - 1) : prevMonth.to;
  const cur = sumsBetween(db, scope, monthStart, today).get('reg')?.get('') ?? 0;
  const before = sumsBetween(db, scope, prevStart, prevEnd).get('reg')?.get('') ?? 0;
  if (surge(cur, before, t.surgePercent)) {
    items.push({ kind: 'surge', title: `本月登记量较上月同期上升 ${Math.round(((cur - before) / before) * 100)}%`, detail: `本月 ${cur} 件，上月同期 ${before} 件`, matterIds: [] });
  }
  const key = keyOpenFacts(db, scope);
  const projects = listProjects(db);
  const assessed = new Set(projects.filter((p) => p.assessedOn !== null).map((p) => p.id));
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  const idle = key.filter((f) => isIdle(f, today, t.idleDays)).sort((a, b) => (a.lastEventOn > b.lastEventOn ? -1 : 1));
  const ofProjects = key.filter((f) => f.projectId !== null && assessed.has(f.projectId));
  const rows = new Map(matterRowsByIds(db, [...new Set([...idle.slice(0, WARNINGS_SHOWN), ...ofProjects.slice(0, WARNINGS_SHOWN)].map((f) => f.matterId))]).map((r) => [r.id, r]));
  for (const f of idle) {
    const r = rows.get(f.matterId);
    items.push({ kind: 'idle', title: `${r?.caseNo ?? f.matterId} ${f.assignKind ?? '积案'} ${daysBetween(f.lastEventOn, today)} 日无进展`, detail: `最近一步 ${f.lastEventOn}`, matterIds: [f.matterId] });
  }
  for (const f of ofProjects) {
    const r = rows.get(f.matterId);
    items.push({ kind: 'project', title: `${r?.caseNo ?? f.matterId} 涉及风险评估项目“${projectNames.get(f.projectId!) ?? ''}”`, detail: '事项尚未办结', matterIds: [f.matterId] });
  }
  // The list shows the newest 50 of each kind; the count (the frame's badge) is all of them.
  const shown = new Map<string, number>();
  const capped = items.filter((w) => {
    const n = (shown.get(w.kind) ?? 0) + 1;
    shown.set(w.kind, n);
    return n <= WARNINGS_SHOWN;
  });
  return { today, thresholds: t, total: items.length, items: capped };
}

const WARNINGS_SHOWN = 50;
