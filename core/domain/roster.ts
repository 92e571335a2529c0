import chineseDays from 'chinese-days';
import { addDays } from './local-time.js';
import { IntakeError } from '../kernel/errors.js';

/**
 * The duty roster (领导接访日), as the seed article states it: "乡镇党政主要领导每周一、周五分别接访，
 * 其它工作日每天安排1名副职带班接访". Pure rules; the store keeps the leaders and the admin's overrides.
 *
 * Decisions, so everyone reads them the same way:
 * - 分别接访: the two main leaders each take one of the two days. The 党委书记 (a main leader whose title
 *   contains 书记) takes **Mondays**, the other main leader (乡镇长 / 镇长 / 乡长 / 主任) takes **Fridays**. With
 *   one active main leader they take both days; with none, the day has no one until the admin sets someone.
 * - Other working days: one deputy, in turn over the active deputies (list order), counting only the days a
 *   deputy is on duty since ROTATION_EPOCH. The turn is not moved by overrides or swaps: those change one day,
 *   not the order after it. Adding or removing a deputy changes the order from then on (the reception record
 *   keeps the name of whoever actually received, so the past is not rewritten where it matters).
 * - Public holidays and weekends: nobody is on duty. Working days come from the official table in
 *   chinese-days (the same source as the working-day deadlines); a make-up workday (调休上班, e.g. Saturday
 *   2026-10-10) is a working day that is neither a Monday nor a Friday, so **a deputy** is on duty that day.
 *   A Monday or Friday that is a public holiday has no duty; it is not moved to another day.
 * - An override set by the admin for a date wins over all of the above, on any day: another leader, or
 *   "no duty" (leaderId null). A swap is two overrides that exchange the two days' leaders.
 */
// chinese-days is CommonJS: Node's ESM loader only offers its default export.
const { getDayDetail, isWorkday } = chineseDays;

export const LEADER_ROLES = ['main', 'deputy'] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number];

export interface RosterLeader {
  id: number;
  name: string;
  title: string;
  role: LeaderRole;
  active: boolean;
  /** Position in the list: the deputies' rotation follows it. */
  sortOrder: number;
}

export interface RosterOverride {
  date: string;
  /** null: nobody on duty that day. */
  leaderId: number | null;
  note: string;
}

/** Why a day has (or has no) duty. */
export type DutyKind = 'main' | 'deputy' | 'holiday' | 'weekend';

export interface DayInfo {
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  working: boolean;
  /** A public holiday, with its Chinese name (国庆节). */
  holiday: string | null;
  /** A weekend day that is a working day by the official table (调休上班). */
  makeUp: boolean;
}

export interface RosterDay extends DayInfo {
  kind: DutyKind;
  /** The leader on duty after the override, if any. */
  leader: Pick<RosterLeader, 'id' | 'name' | 'title' | 'role'> | null;
  /** The leader the rules alone would put on duty. */
  planned: Pick<RosterLeader, 'id' | 'name' | 'title' | 'role'> | null;
  override: RosterOverride | null;
}

/** Day 0 of the deputies' rotation: a Monday, inside the holiday table's years. */
export const ROTATION_EPOCH = '2024-01-01';
export const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** What the official calendar says about a day. */
export function dayInfo(date: string): DayInfo {
  if (!DATE.test(date)) throw new IntakeError('INVALID_INPUT', { detail: date });
  const weekday = weekdayOf(date);
  const working = isWorkday(date);
  const weekend = weekday >= 6;
  let holiday: string | null = null;
  if (!working) {
    // chinese-days names a holiday "National Day,国庆节,3"; a plain weekend carries the weekday's English name.
    const parts = getDayDetail(date).name.split(',');
    holiday = parts.length >= 2 ? (parts[1] ?? null) : null;
  }
  return { date, weekday, working, holiday, makeUp: working && weekend };
}

/** The kind of duty the rules give a day, before any override. */
export function dutyKind(info: DayInfo): DutyKind {
  if (!info.working) return info.holiday ? 'holiday' : 'weekend';
  if (info.makeUp) return 'deputy';
  return info.weekday === 1 || info.weekday === 5 ? 'main' : 'deputy';
}

const byOrder = (a: RosterLeader, b: RosterLeader) => a.sortOrder - b.sortOrder || a.id - b.id;
const isSecretary = (l: RosterLeader) => l.title.includes('书记');

/** The active main leaders in their day order: the 党委书记 first (Mondays), then the other (Fridays). */
export function mainLeaders(leaders: readonly RosterLeader[]): RosterLeader[] {
  return leaders
    .filter((l) => l.active && l.role === 'main')
    .sort((a, b) => Number(isSecretary(b)) - Number(isSecretary(a)) || byOrder(a, b));
}

export function deputies(leaders: readonly RosterLeader[]): RosterLeader[] {
  return leaders.filter((l) => l.active && l.role === 'deputy').sort(byOrder);
}

/** The main leader for a Monday (1) or a Friday (5). */
export function mainLeaderFor(weekday: number, leaders: readonly RosterLeader[]): RosterLeader | null {
  const mains = mainLeaders(leaders);
  if (mains.length === 0) return null;
  return weekday === 1 ? mains[0]! : (mains[1] ?? mains[0]!);
}

/** Deputy days strictly before `date`, counted from the epoch (negative before it). */
export function deputyDaysBefore(date: string): number {
  if (date < ROTATION_EPOCH) return -countDeputyDays(date, ROTATION_EPOCH);
  // Whole years are counted once and remembered: the frame asks for today's duty on every poll.
  let n = 0;
  let year = Number(ROTATION_EPOCH.slice(0, 4));
  for (; `${year + 1}-01-01` <= date; year++) n += deputyDaysOfYear(year);
  return n + countDeputyDays(`${year}-01-01` < ROTATION_EPOCH ? ROTATION_EPOCH : `${year}-01-01`, date);
}

function countDeputyDays(from: string, to: string): number {
  let n = 0;
  for (let d = from; d < to; d = addDays(d, 1)) if (dutyKind(dayInfo(d)) === 'deputy') n++;
  return n;
}

const yearCounts = new Map<number, number>();
function deputyDaysOfYear(year: number): number {
  let n = yearCounts.get(year);
  if (n === undefined) {
    n = countDeputyDays(`${year}-01-01`, `${year + 1}-01-01`);
    yearCounts.set(year, n);
  }
  return n;
}

const pick = (l: RosterLeader | null) => (l ? { id: l.id, name: l.name, title: l.title, role: l.role } : null);
const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * The roster for every day from `from` to `to` inclusive. The rotation position is counted once for
 * `from` and carried forward, so a month costs one walk from the epoch.
 */
export function rosterDays(from: string, to: string, leaders: readonly RosterLeader[], overrides: readonly RosterOverride[]): RosterDay[] {
  const byId = new Map(leaders.map((l) => [l.id, l]));
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const deps = deputies(leaders);
  let turn = deputyDaysBefore(from);
  const out: RosterDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const info = dayInfo(d);
    const kind = dutyKind(info);
    let planned: RosterLeader | null = null;
    if (kind === 'main') planned = mainLeaderFor(info.weekday, leaders);
    if (kind === 'deputy') {
      planned = deps.length > 0 ? deps[mod(turn, deps.length)]! : null;
      turn++;
    }
    const override = byDate.get(d) ?? null;
    const leader = override ? (override.leaderId === null ? null : (byId.get(override.leaderId) ?? null)) : planned;
    out.push({ ...info, kind, planned: pick(planned), leader: pick(leader), override });
  }
  return out;
}

/** The duty of one day. */
export function dutyOn(date: string, leaders: readonly RosterLeader[], overrides: readonly RosterOverride[]): RosterDay {
  return rosterDays(date, date, leaders, overrides)[0]!;
}

/** First and last day of a month given as YYYY-MM. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

/**
 * A swap: each of the two days gets the other's leader (as it stands, overrides included). Returns the
 * two overrides to store. Swapping a day with itself, or two days with nobody on duty, changes nothing
 * and is refused so the admin sees why.
 */
export function swapDays(a: RosterDay, b: RosterDay, note = ''): [RosterOverride, RosterOverride] {
  if (a.date === b.date) throw new IntakeError('ROSTER_SWAP_SAME_DAY', { field: 'b' });
  if (!a.leader && !b.leader) throw new IntakeError('ROSTER_SWAP_EMPTY', { field: 'b' });
  const text = note || `与${b.date}对调`;
  return [
    { date: a.date, leaderId: b.leader?.id ?? null, note: text },
    { date: b.date, leaderId: a.leader?.id ?? null, note: note || `与${a.date}对调` },
  ];
}

/** "党委书记 王某" as the frame and the day sheet write it. */
export const leaderLabel = (l: Pick<RosterLeader, 'name' | 'title'> | null): string => (l ? `${l.title} ${l.name}`.trim() : '');
