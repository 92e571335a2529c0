/**
 * The figures (统计研判), defined once (../shared/DOMAIN.md, "Figures"). Pure: no I/O.
 *
 * Each matter is reduced to its facts (MatterFacts: the fold of its events plus what the matter,
 * its visits and its level-skipping records say). A matter's facts contribute counts to dated
 * metrics (`contributions`); the store keeps the sum of every matter's contributions per day and
 * per month, in the same transaction as every event, so a period's figures are a few sums instead
 * of a pass over every matter. The same metric definitions decide which matters a figure's list
 * shows (`isMember`), so a figure and the matters behind it cannot disagree.
 */
import type { CaseEvent } from './case-events.js';
import { effectiveEvents, type CaseState, type CaseStatus } from './case-state.js';
import { GROUP_THRESHOLD } from './categories.js';
import { addDays, localDate } from './local-time.js';
import { calendarKeys, daysBetween } from './periods.js';
import { DEFAULT_EVALUATION_DAYS, evaluationExpired } from './evaluation.js';

/** What the figures need of one matter. Dates are Beijing days. */
export interface MatterFacts {
  matterId: number;
  township: string;
  /** As folded: a corrected registration date counts. */
  registeredOn: string;
  channel: string;
  purpose: string;
  category: string;
  villageId: number | null;
  isGroup: boolean;
  /** 初信初访: none of the persons of its first visit had visited this center before. */
  firstAtCenter: boolean;
  state: CaseState;
  decidedOn: string | null;
  decisionDue: string;
  acceptedOn: string | null;
  repliedOn: string | null;
  handleDue: string | null;
  closedOn: string | null;
  /** The day the handling track closed (办结, 息诉罢访, 复核终结, 不予受理, 转送/交办); null while open. */
  resolvedOn: string | null;
  evaluation: string | null;
  reviewRequested: boolean;
  assignKind: string | null;
  assignedOn: string | null;
  leader: string | null;
  batch: string | null;
  unit: string | null;
  handler: string | null;
  projectId: number | null;
  fullyClosed: boolean;
  /** The day of its latest event of any kind (a step, a ledger entry, a note …). */
  lastEventOn: string;
  /** The day it became 积案 (open longer than the setting, or marked 积案 in 包案); null if never. */
  backlogOn: string | null;
  repeatVisits: number;
  /** Per Beijing day with visits: [day, visits, persons (headcount), group visits, repeat visits]. */
  visitDays: [string, number, number, number, number][];
  /** 越级 records: the level and the day (the day of the skip if known, else of registration); `abnormal` only when 非正常上访. */
  skips: { level: string; on: string; abnormal?: true }[];
}

export interface FactsInput {
  status: CaseStatus;
  events: readonly CaseEvent[];
  matter: { id: number; township: string; channel: string; purpose: string; category: string; villageId: number | null; isGroup: boolean };
  visits: readonly { visitedAt: string; headcount: number; isRepeat: boolean }[];
  levelSkips: readonly { level: string; visitedOn: string | null; abnormal?: boolean }[];
  firstAtCenter: boolean;
  backlogDays: number;
}

export const DEFAULT_BACKLOG_DAYS = 180;
const CLOSING = new Set(['close', 'reject', 'transfer', 'recheck_result', 'settle']);

/** A matter's facts, from its events' fold and its rows. */
export function deriveFacts(i: FactsInput): MatterFacts {
  const s = i.status;
  const list = effectiveEvents(i.events);
  const closing = list.filter((e) => CLOSING.has(e.type));
  const resolvedOn = s.handlingClosed ? (closing.at(-1)?.on ?? null) : null;
  const assign = list.filter((e) => e.type === 'assign').at(-1);
  const lastEventOn = list.reduce((d, e) => (e.on > d ? e.on : d), s.registeredOn);
  const byDay = new Map<string, [string, number, number, number, number]>();
  for (const v of i.visits) {
    const day = localDate(new Date(v.visitedAt));
    const row = byDay.get(day) ?? [day, 0, 0, 0, 0];
    row[1] += 1;
    row[2] += v.headcount;
    row[3] += v.headcount >= GROUP_THRESHOLD ? 1 : 0;
    row[4] += v.isRepeat ? 1 : 0;
    byDay.set(day, row);
  }
  const facts: MatterFacts = {
    matterId: i.matter.id,
    township: i.matter.township,
    registeredOn: s.registeredOn,
    channel: i.matter.channel,
    purpose: i.matter.purpose,
    category: i.matter.category,
    villageId: i.matter.villageId,
    isGroup: i.matter.isGroup,
    firstAtCenter: i.firstAtCenter,
    state: s.state,
    decidedOn: s.decidedOn,
    decisionDue: s.decisionDue,
    acceptedOn: s.acceptedOn,
    repliedOn: s.repliedOn,
    handleDue: s.handleDue,
    closedOn: s.closedOn,
    resolvedOn,
    evaluation: s.evaluation,
    reviewRequested: s.reviewRequestedOn !== null,
    assignKind: s.assignment?.kind ?? null,
    assignedOn: s.assignment ? (assign?.on ?? s.registeredOn) : null,
    leader: s.assignment?.leader ?? null,
    batch: s.assignment?.batch ?? null,
    unit: s.unit,
    handler: s.handler,
    projectId: s.projectId,
    fullyClosed: s.fullyClosed,
    lastEventOn,
    backlogOn: null,
    repeatVisits: i.visits.filter((v) => v.isRepeat).length,
    visitDays: [...byDay.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    // The flag is written only when set: facts kept before it existed read the same.
    skips: i.levelSkips
      .map((k) => (k.abnormal ? { level: k.level, on: k.visitedOn ?? s.registeredOn, abnormal: true as const } : { level: k.level, on: k.visitedOn ?? s.registeredOn }))
      .sort((a, b) => (a.level < b.level ? -1 : 1)),
  };
  facts.backlogOn = backlogOn(facts, i.backlogDays);
  return facts;
}

/**
 * 积案: open longer than `days` (it becomes one on the day after the last day it may be open), or
 * marked 积案 in 包案 (from the day of marking). A matter resolved before either never is one.
 */
export function backlogOn(f: Pick<MatterFacts, 'registeredOn' | 'resolvedOn' | 'assignKind' | 'assignedOn'>, days: number): string | null {
  const candidates = [addDays(f.registeredOn, days + 1)];
  if (f.assignKind === '积案' && f.assignedOn) candidates.push(f.assignedOn);
  const open = candidates.filter((d) => f.resolvedOn === null || f.resolvedOn >= d).sort();
  return open[0] ?? null;
}

// ---- Metrics: what a matter counts towards, on which day ----------------------------------------

/** 办结 or 息诉罢访 (复核终结 comes after a 办结 too): the handling was carried to its end here. */
const handledToEnd = (f: MatterFacts) => f.resolvedOn !== null && (f.state === 'closed' || f.state === 'settled' || f.state === 'final');
const evaluated = (f: MatterFacts) => f.repliedOn !== null && f.evaluation !== null && f.evaluation !== '拒绝评价';
const resolvedAssignment = (f: MatterFacts) => f.fullyClosed || f.state === 'settled';

interface MetricDef {
  label: string;
  /** The day the matter counts on, or null when it does not count. */
  day(f: MatterFacts): string | null;
  /** For metrics kept per key (by village, category …): the key. */
  key?(f: MatterFacts): string;
  /** What it adds (days for the averages); 1 by default. */
  weight?(f: MatterFacts): number;
}

const reg = (f: MatterFacts) => f.registeredOn;
const when = (test: (f: MatterFacts) => boolean, day: (f: MatterFacts) => string | null = reg) => (f: MatterFacts) => (test(f) ? day(f) : null);

/** The metrics kept per day and month. Keys with a dot are kept per key (the part after the dot names it). */
export const METRICS = {
  reg: { label: '登记事项', day: reg },
  'reg.channel': { label: '按信访形式', day: reg, key: (f) => f.channel },
  'reg.purpose': { label: '按信访目的', day: reg, key: (f) => f.purpose },
  'reg.category': { label: '按内容分类', day: reg, key: (f) => f.category },
  'reg.village': { label: '按问题发生地（村/社区）', day: reg, key: (f) => (f.villageId === null ? '' : String(f.villageId)) },
  'reg.unit': { label: '按责任单位', day: reg, key: (f) => f.unit ?? '' },
  'reg.handler': { label: '按经办人', day: reg, key: (f) => f.handler ?? '' },
  group: { label: '集体访事项', day: when((f) => f.isGroup) },
  first: { label: '初信初访', day: when((f) => f.firstAtCenter) },
  decided: { label: '已告知受理与否', day: when((f) => f.decidedOn !== null) },
  decidedTimely: { label: '15 日内告知', day: when((f) => f.decidedOn !== null && f.decidedOn <= f.decisionDue) },
  decideDays: { label: '登记至告知天数', day: when((f) => f.decidedOn !== null), weight: (f) => daysBetween(f.registeredOn, f.decidedOn!) },
  replied: { label: '已答复', day: when((f) => f.repliedOn !== null) },
  repliedTimely: { label: '按期答复', day: when((f) => f.repliedOn !== null && f.handleDue !== null && f.repliedOn <= f.handleDue) },
  replyDays: { label: '受理至答复天数', day: when((f) => f.repliedOn !== null && f.acceptedOn !== null), weight: (f) => daysBetween(f.acceptedOn!, f.repliedOn!) },
  replyCounted: { label: '已受理并答复', day: when((f) => f.repliedOn !== null && f.acceptedOn !== null) },
  closed: { label: '已办结', day: when((f) => f.closedOn !== null) },
  closedTimely: { label: '按期办结', day: when((f) => f.closedOn !== null && f.handleDue !== null && f.closedOn <= f.handleDue) },
  evaluated: { label: '已参评', day: when(evaluated) },
  satisfied: { label: '满意 + 基本满意', day: when((f) => evaluated(f) && (f.evaluation === '满意' || f.evaluation === '基本满意')) },
  declined: { label: '拒绝评价', day: when((f) => f.repliedOn !== null && f.evaluation === '拒绝评价') },
  assigned: { label: '领导包案', day: when((f) => f.assignKind !== null) },
  assignedResolved: { label: '包案已化解', day: when((f) => f.assignKind !== null && resolvedAssignment(f)) },
  'batch.down': { label: '交办件', day: when((f) => f.batch !== null), key: (f) => f.batch ?? '' },
  'batch.resolved': { label: '交办件已化解', day: when((f) => f.batch !== null && resolvedAssignment(f)), key: (f) => f.batch ?? '' },
  firstResolved: { label: '初信初访办结', day: when((f) => f.firstAtCenter && handledToEnd(f), (f) => f.resolvedOn) },
  firstOnce: {
    label: '初信初访一次性化解',
    day: when((f) => f.firstAtCenter && handledToEnd(f) && f.repeatVisits === 0 && !f.reviewRequested, (f) => f.resolvedOn),
  },
  backlogIn: { label: '转为积案', day: (f) => f.backlogOn },
  backlogOut: { label: '积案化解', day: when((f) => f.backlogOn !== null && f.resolvedOn !== null, (f) => f.resolvedOn) },
} satisfies Record<string, MetricDef>;
export type MetricId = keyof typeof METRICS;

/**
 * Visit metrics (counted per visit, on its day) and the distinct counts per calendar period
 * (matters with a visit / with a repeat visit in the month, quarter, half-year, year).
 */
export const VISIT_METRICS = {
  visits: { label: '来访批次', at: 1 },
  visitPersons: { label: '来访人次', at: 2 },
  groupVisits: { label: '集体访批次', at: 3 },
  repeatVisits: { label: '重复信访（次）', at: 4 },
} as const;
export type VisitMetricId = keyof typeof VISIT_METRICS;
export const SKIP_METRIC = 'skip';

/** One count a matter adds: to `metric` (and `key`) on `day`, or to a calendar period's distinct count. */
export interface Contribution {
  metric: string;
  key: string;
  /** 'dYYYY-MM-DD' for a day (the store adds it to the month 'mYYYY-MM' too), or a period key for distinct counts. */
  bucket: string;
  n: number;
  /** Kept per day and month (summable), or only for the calendar period named (a distinct count). */
  distinct: boolean;
}

/** Everything one matter adds to the kept counts. The kept counts are the sum of these over all matters. */
export function contributions(f: MatterFacts): Contribution[] {
  const out: Contribution[] = [];
  for (const [metric, def] of Object.entries(METRICS) as [MetricId, MetricDef][]) {
    const day = def.day(f);
    if (day === null) continue;
    const n = def.weight ? def.weight(f) : 1;
    out.push({ metric, key: def.key ? def.key(f) : '', bucket: `d${day}`, n, distinct: false });
  }
  for (const [metric, { at }] of Object.entries(VISIT_METRICS)) {
    for (const row of f.visitDays) if (row[at] !== 0) out.push({ metric, key: '', bucket: `d${row[0]}`, n: row[at], distinct: false });
  }
  for (const s of f.skips) out.push({ metric: SKIP_METRIC, key: s.level, bucket: `d${s.on}`, n: 1, distinct: false });
  const visited = new Set(f.visitDays.flatMap((r) => calendarKeys(r[0])));
  const repeated = new Set(f.visitDays.filter((r) => r[4] > 0).flatMap((r) => calendarKeys(r[0])));
  for (const b of visited) out.push({ metric: 'visitedMatters', key: '', bucket: b, n: 1, distinct: true });
  for (const b of repeated) out.push({ metric: 'repeatMatters', key: '', bucket: b, n: 1, distinct: true });
  return out;
}

/** The buckets (day and month rows) a set of contributions adds to, summed: the kept form. */
export function bucketTotals(all: Iterable<Contribution>, totals = new Map<string, number>()): Map<string, number> {
  const add = (k: string, n: number) => totals.set(k, (totals.get(k) ?? 0) + n);
  for (const c of all) {
    add(`${c.metric}\u0000${c.key}\u0000${c.bucket}`, c.n);
    if (!c.distinct) add(`${c.metric}\u0000${c.key}\u0000m${c.bucket.slice(1, 8)}`, c.n);
  }
  return totals;
}

// ---- Figures ---------------------------------------------------------------------------------

export interface Ratio {
  num: number;
  den: number;
  /** null when there is nothing to measure yet */
  rate: number | null;
}
export const ratio = (num: number, den: number): Ratio => ({ num, den, rate: den === 0 ? null : num / den });

/** Counted at report time from the open matters (a deadline passed with nothing done). */
export const LIVE = {
  decideLate: { label: '逾期未告知', due: (f: MatterFacts) => (f.decidedOn === null && f.resolvedOn === null ? f.decisionDue : null) },
  replyLate: {
    label: '逾期未答复',
    due: (f: MatterFacts) => (f.acceptedOn !== null && f.repliedOn === null && f.resolvedOn === null ? f.handleDue : null),
  },
} as const;
export type LiveId = keyof typeof LIVE;
/**
 * Late on `today`: the deadline a live count runs against (LIVE[id].due, kept as a column of
 * matter_facts so the report counts without reading the facts) is behind it.
 */
export function isLate(id: LiveId, f: MatterFacts, today: string): boolean {
  const due = LIVE[id].due(f);
  return due !== null && due < today;
}

/** The parts a figure is made of: kept metrics, live counts, or the special ones the service counts. */
export type Part = MetricId | VisitMetricId | LiveId | 'backlogStart' | 'visitedMatters' | 'repeatMatters' | 'backlogOpen' | 'evalExpired';

export type FigureKind = 'count' | 'ratio' | 'average';
export interface FigureDef {
  id: string;
  label: string;
  /** The name where a table column is narrow (the county's ranking), when shorter than the label. */
  short?: string;
  group: '数量' | '办理' | '化解';
  kind: FigureKind;
  num: Part[];
  den?: Part[];
  numLabel: string;
  denLabel?: string;
  /** A target the county sets (e.g. ≥ 90%), shown beside the figure. */
  target?: number;
  /** Higher is better (for the colour of the change); counts of problems are lower-is-better. */
  better: 'up' | 'down' | 'none';
}

export const FIGURES: readonly FigureDef[] = [
  { id: 'registered', label: '登记信访事项', group: '数量', kind: 'count', num: ['reg'], numLabel: '周期内登记的事项（件）', better: 'none' },
  { id: 'first', label: '初信初访', group: '数量', kind: 'count', num: ['first'], numLabel: '当事人在本中心的第一件事项（件）', better: 'none' },
  { id: 'group', label: '集体访事项', group: '数量', kind: 'count', num: ['group'], numLabel: '五人以上同一事项（件）', better: 'down' },
  { id: 'visits', label: '来访批次', group: '数量', kind: 'count', num: ['visits'], numLabel: '周期内的来访登记（批次）', better: 'none' },
  { id: 'visitPersons', label: '来访人次', group: '数量', kind: 'count', num: ['visitPersons'], numLabel: '各批次来访人数之和（人次）', better: 'none' },
  { id: 'groupVisits', label: '集体访批次', group: '数量', kind: 'count', num: ['groupVisits'], numLabel: '五人以上的来访（批次）', better: 'down' },
  { id: 'repeatVisits', label: '重复信访', group: '数量', kind: 'count', num: ['repeatVisits'], numLabel: '已有来访的事项再次来访（次）', better: 'down' },
  { id: 'repeatRate', label: '重复信访率', group: '数量', kind: 'ratio', num: ['repeatMatters'], den: ['visitedMatters'], numLabel: '周期内有重复来访的事项', denLabel: '周期内有来访的事项', better: 'down' },
  { id: 'timelyDecision', label: '及时受理率', group: '办理', kind: 'ratio', num: ['decidedTimely'], den: ['decided', 'decideLate'], numLabel: '15 日内告知是否受理', denLabel: '已告知的及逾期未告知的', better: 'up' },
  { id: 'timelyReply', label: '按期答复率', group: '办理', kind: 'ratio', num: ['repliedTimely'], den: ['replied', 'replyLate'], numLabel: '期限内出具处理意见书', denLabel: '已答复的及逾期未答复的', better: 'up' },
  { id: 'timelyClose', label: '按期办结率', group: '办理', kind: 'ratio', num: ['closedTimely'], den: ['closed'], numLabel: '期限内办结', denLabel: '已办结', better: 'up' },
  // A reply still inside its evaluation window (待评价) counts for nobody; once the window is over unevaluated it is 超期未评价.
  { id: 'participation', label: '群众参评率', short: '参评率', group: '办理', kind: 'ratio', num: ['evaluated'], den: ['evaluated', 'declined', 'evalExpired'], numLabel: '作出评价（不含拒绝评价）', denLabel: '已答复且评价已有结果（已评价、拒绝评价、超期未评价）', better: 'up' },
  { id: 'satisfaction', label: '参评满意率', short: '满意率', group: '办理', kind: 'ratio', num: ['satisfied'], den: ['evaluated'], numLabel: '满意 + 基本满意', denLabel: '已参评', better: 'up' },
  { id: 'decideDays', label: '登记至告知平均天数', group: '办理', kind: 'average', num: ['decideDays'], den: ['decided'], numLabel: '登记至告知天数之和', denLabel: '已告知', better: 'down' },
  { id: 'replyDays', label: '受理至答复平均天数', group: '办理', kind: 'average', num: ['replyDays'], den: ['replyCounted'], numLabel: '受理至答复天数之和', denLabel: '已受理并答复', better: 'down' },
  { id: 'firstOnce', label: '初信初访一次性化解率', group: '化解', kind: 'ratio', num: ['firstOnce'], den: ['firstResolved'], numLabel: '办结或息诉罢访且无重复访、无复查申请', denLabel: '周期内办结或息诉罢访的初信初访', target: 0.9, better: 'up' },
  { id: 'leaderResolution', label: '领导包案化解率', short: '包案化解率', group: '化解', kind: 'ratio', num: ['assignedResolved'], den: ['assigned'], numLabel: '包案已化解（一访两案办结或息诉罢访）', denLabel: '领导包案', target: 0.85, better: 'up' },
  { id: 'backlogResolution', label: '积案化解率', group: '化解', kind: 'ratio', num: ['backlogOut'], den: ['backlogStart', 'backlogIn'], numLabel: '周期内化解的积案', denLabel: '期初积案 + 周期内新转积案', better: 'up' },
  { id: 'backlogOpen', label: '期末积案', group: '化解', kind: 'count', num: ['backlogOpen'], numLabel: '周期末仍未化解的积案（件）', better: 'down' },
];

/** Is the matter one of those a part counts in the period? The one test behind every figure's list. */
export function isMember(part: Part, f: MatterFacts, p: { from: string; to: string; today: string; evaluationDays?: number }, key?: string): boolean {
  const inRange = (d: string | null) => d !== null && d >= p.from && d <= p.to;
  if (part in METRICS) {
    const def = METRICS[part as MetricId] as MetricDef;
    return inRange(def.day(f)) && (key === undefined || !def.key || def.key(f) === key);
  }
  if (part in VISIT_METRICS) return f.visitDays.some((r) => inRange(r[0]) && r[VISIT_METRICS[part as VisitMetricId].at] > 0);
  if (part in LIVE) return inRange(f.registeredOn) && isLate(part as LiveId, f, p.today);
  switch (part) {
    case 'visitedMatters': return f.visitDays.some((r) => inRange(r[0]));
    case 'repeatMatters': return f.visitDays.some((r) => inRange(r[0]) && r[4] > 0);
    case 'backlogStart': return f.backlogOn !== null && f.backlogOn < p.from && (f.resolvedOn === null || f.resolvedOn >= p.from);
    case 'backlogOpen': return f.backlogOn !== null && f.backlogOn <= p.to && (f.resolvedOn === null || f.resolvedOn > p.to);
    case 'evalExpired': return inRange(f.registeredOn) && evaluationExpired(f, p.today, p.evaluationDays ?? DEFAULT_EVALUATION_DAYS);
    default: return false;
  }
}

// ---- Standing: 三无 and 零上访村 --------------------------------------------------------------

/**
 * One 三无 condition: no matter with a level-skip at `level` in the period — only a group matter's if
 * `groupOnly`, only one recorded as 非正常上访 if `abnormalOnly`.
 */
export interface SanwuCondition {
  label: string;
  level: 'county' | 'city' | 'province' | 'beijing';
  groupOnly: boolean;
  /** Absent in conditions saved before the flag existed: read as false. */
  abnormalOnly?: boolean;
}

/**
 * The defaults (DOMAIN.md): no 进京非正常上访 (a Beijing record marked 非正常), no 进京越级上访 (any
 * Beijing record), no 到省集体访 (a group matter's provincial record).
 */
export const DEFAULT_SANWU: readonly SanwuCondition[] = [
  { label: '无进京非正常上访', level: 'beijing', groupOnly: false, abnormalOnly: true },
  { label: '无进京越级上访', level: 'beijing', groupOnly: false, abnormalOnly: false },
  { label: '无到省集体访', level: 'province', groupOnly: true, abnormalOnly: false },
];

/** Does this matter break the condition in the period? */
export function breaksSanwu(c: SanwuCondition, f: Pick<MatterFacts, 'skips' | 'isGroup'>, from: string, to: string): boolean {
  return (!c.groupOnly || f.isGroup) && f.skips.some((s) => s.level === c.level && s.on >= from && s.on <= to && (!c.abnormalOnly || s.abnormal === true));
}

// ---- Early warnings (预警) --------------------------------------------------------------------

export interface WarningThresholds {
  /** The same person twice within this many days. */
  repeatDays: number;
  /** One village or one category with `clusterCount` matters or more within `clusterDays` days. */
  clusterDays: number;
  clusterCount: number;
  /** The month's volume this many percent or more above the month before. */
  surgePercent: number;
  /** A 重点 / 积案 matter with no step for this many days. */
  idleDays: number;
}
export const DEFAULT_WARNINGS: WarningThresholds = { repeatDays: 7, clusterDays: 7, clusterCount: 5, surgePercent: 50, idleDays: 3 };

/** The month so far against the month before up to the same day; null when the month before had none. */
export function surge(current: number, previous: number, percent: number): boolean {
  return previous > 0 && current * 100 >= previous * (100 + percent);
}

/** A key or long-standing matter that has not moved for `idleDays` days. */
export function isIdle(f: Pick<MatterFacts, 'assignKind' | 'backlogOn' | 'resolvedOn' | 'fullyClosed' | 'lastEventOn'>, today: string, idleDays: number): boolean {
  const key = f.assignKind === '重点' || f.assignKind === '积案' || (f.backlogOn !== null && f.backlogOn <= today && f.resolvedOn === null);
  return key && !f.fullyClosed && f.lastEventOn <= addDays(today, -idleDays);
}
