import chineseDays from 'chinese-days';
import { addDays } from './local-time.js';

/** Legal periods (信访工作条例, 2022; the same as the 2005 信访条例). */
// chinese-days is CommonJS: Node's ESM loader only offers its default export.
const { getHolidaysInRange, isWorkday } = chineseDays;

export const PERIODS = {
  decide: 15, // tell the person in writing whether the matter is accepted, from registration
  handle: 60, // handle and reply, from acceptance
  maxExtension: 30, // one extension, at most this long
  reviewRequest: 30, // the person may ask for 复查 within this of the reply
  reviewAnswer: 30,
  recheckRequest: 30, // then 复核 within this of the 复查 answer
  recheckAnswer: 30,
} as const;

export type DayMode = 'calendar' | 'working';

/**
 * Counts periods. Calendar days by default: the start day is not counted (期间开始的日不计算在内),
 * so 15 days from 11-24 ends on 12-09. Working days skip weekends and public holidays and count
 * make-up workdays, from the official table maintained in chinese-days — never a hand-typed list.
 */
export interface DayCounter {
  mode: DayMode;
  add(date: string, days: number): string;
  /** Years the holiday table does not cover: working-day results there are only approximate. */
  uncovered(date: string): boolean;
}

export const calendarDays: DayCounter = { mode: 'calendar', add: addDays, uncovered: () => false };

const covered = new Map<number, boolean>();
function yearCovered(year: number): boolean {
  let c = covered.get(year);
  if (c === undefined) {
    c = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    covered.set(year, c);
  }
  return c;
}

export const workingDays: DayCounter = {
  mode: 'working',
  add(date, days) {
    let d = date;
    for (let n = 0; n < days; ) {
      d = addDays(d, 1);
      if (isWorkday(d)) n++;
    }
    return d;
  },
  uncovered: (date) => !yearCovered(Number(date.slice(0, 4))),
};

export const dayCounter = (mode: DayMode): DayCounter => (mode === 'working' ? workingDays : calendarDays);

/** Whole days from `today` to `due` (negative once overdue). */
export function daysLeft(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
