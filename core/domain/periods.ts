/**
 * Reporting periods (统计周期): a calendar month (月通报), quarter (季讲评), half-year (半年小结) or
 * year (年终汇总), or any from–to range. Both ends are Beijing dates, both included. Pure.
 */
import { addDays } from './local-time.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'range';

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** 2026年3月, 2026年第一季度, 2026年上半年, 2026年, 2026-03-05 至 2026-04-10 */
  label: string;
}

const QUARTERS = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;

/** The period of `months` months starting at month `m` of year `y` (m may run past 12 or below 1). */
function span(kind: Exclude<PeriodKind, 'range'>, y: number, m: number): Period {
  const months = { month: 1, quarter: 3, half: 6, year: 12 }[kind];
  const y0 = y + Math.floor((m - 1) / 12);
  const m0 = ((((m - 1) % 12) + 12) % 12) + 1;
  const lastMonth = m0 + months - 1;
  const from = `${y0}-${pad(m0)}-01`;
  const to = monthEnd(y0, lastMonth);
  const label =
    kind === 'month' ? `${y0}年${m0}月`
    : kind === 'quarter' ? `${y0}年第${QUARTERS[(m0 - 1) / 3]}季度`
    : kind === 'half' ? `${y0}年${m0 === 1 ? '上' : '下'}半年`
    : `${y0}年`;
  return { kind, from, to, label };
}

export const monthPeriod = (y: number, m: number): Period => span('month', y, m);
export const quarterPeriod = (y: number, q: number): Period => span('quarter', y, (q - 1) * 3 + 1);
export const halfPeriod = (y: number, h: number): Period => span('half', y, h === 1 ? 1 : 7);
export const yearPeriod = (y: number): Period => span('year', y, 1);

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A from–to range read as the calendar period it is, if it is one. */
export function periodOf(from: string, to: string): Period {
  const [y, m, d] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10))];
  if (d === 1) {
    for (const kind of ['month', 'quarter', 'half', 'year'] as const) {
      const starts = { month: true, quarter: (m - 1) % 3 === 0, half: m === 1 || m === 7, year: m === 1 }[kind];
      if (starts && span(kind, y, m).to === to) return span(kind, y, m);
    }
  }
  return { kind: 'range', from, to, label: `${from} 至 ${to}` };
}

/** The period just before: the month before, the quarter before … or a range of the same length. */
export function previousPeriod(p: Period): Period {
  const [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
  if (p.kind === 'range') {
    const len = daysBetween(p.from, p.to);
    const to = addDays(p.from, -1);
    return periodOf(addDays(to, -len), to);
  }
  return span(p.kind, y, m - { month: 1, quarter: 3, half: 6, year: 12 }[p.kind]);
}

/** 29 February a year back is 28 February. */
function yearBack(date: string): string {
  const [y, m, d] = [Number(date.slice(0, 4)) - 1, Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return `${y}-${pad(m)}-${pad(Math.min(d, daysInMonth(y, m)))}`;
}

/** The same period a year before (同比). */
export function yearAgoPeriod(p: Period): Period {
  if (p.kind === 'range') return periodOf(yearBack(p.from), yearBack(p.to));
  return span(p.kind, Number(p.from.slice(0, 4)) - 1, Number(p.from.slice(5, 7)));
}

/** The month of a date, 'YYYY-MM'. */
export const monthOf = (date: string): string => date.slice(0, 7);

/**
 * A range split into whole months and the days at its edges, so a sum over the range reads month
 * totals where it can: 2026-03-05 … 2026-05-10 → days 03-05…03-31, month 04, days 05-01…05-10.
 */
export function splitRange(from: string, to: string): { months: string[]; days: [string, string][] } {
  const months: string[] = [];
  const days: [string, string][] = [];
  let cursor = from;
  while (cursor <= to) {
    const [y, m] = [Number(cursor.slice(0, 4)), Number(cursor.slice(5, 7))];
    const end = monthEnd(y, m);
    if (cursor.endsWith('-01') && end <= to) months.push(monthOf(cursor));
    else days.push([cursor, end < to ? end : to]);
    cursor = addDays(end, 1);
  }
  return { months, days };
}

/** The calendar periods a day falls in, as the keys the distinct counts are kept under. */
export function calendarKeys(date: string): string[] {
  const [y, m] = [date.slice(0, 4), Number(date.slice(5, 7))];
  return [`m${date.slice(0, 7)}`, `q${y}-${Math.ceil(m / 3)}`, `h${y}-${m <= 6 ? 1 : 2}`, `y${y}`];
}

/** The key a calendar period's distinct counts are kept under; null for a range (counted from the rows). */
export function calendarKey(p: Period): string | null {
  const [y, m] = [p.from.slice(0, 4), Number(p.from.slice(5, 7))];
  switch (p.kind) {
    case 'month': return `m${p.from.slice(0, 7)}`;
    case 'quarter': return `q${y}-${Math.ceil(m / 3)}`;
    case 'half': return `h${y}-${m <= 6 ? 1 : 2}`;
    case 'year': return `y${y}`;
    default: return null;
  }
}

/** The twelve months ending with the period's last month, oldest first ('YYYY-MM'). */
export function trailingMonths(to: string, n = 12): string[] {
  const [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  return Array.from({ length: n }, (_, i) => {
    const k = m - (n - 1) + i;
    const yy = y + Math.floor((k - 1) / 12);
    return `${yy}-${pad(((((k - 1) % 12) + 12) % 12) + 1)}`;
  });
}
