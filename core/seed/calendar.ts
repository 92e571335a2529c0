/**
 * When synthetic visits happen: on working days (the official calendar, make-up Saturdays included),
 * more on Mondays and Fridays when the main leaders receive visitors, a trickle at weekends and on
 * holidays; between 08:30 and 17:30 Beijing time. A position in [0, 1) — how far through the
 * generated persons we are — maps to an instant, so the data is in time order as a desk makes it.
 */
import chineseDays from 'chinese-days';
import { addDays, localDate } from '../domain/local-time.js';
import type { Rng } from './random.js';

// chinese-days is CommonJS (a minified bundle): Node's ESM loader sees only its default export.
const { isWorkday } = chineseDays;

const HOUR = 3_600_000;
const OPEN = 8.5 * HOUR; // 08:30
const CLOSE = 17.5 * HOUR; // 17:30
const OFFSET = 8 * HOUR; // Beijing time

/** The instant of local (Beijing) `date` at `msOfDay` after midnight. */
export function localInstant(date: string, msOfDay: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET + msOfDay);
}

/** Milliseconds after local midnight of an instant. */
function localMsOfDay(at: Date): number {
  return (at.getTime() + OFFSET) % (24 * HOUR);
}

export class VisitCalendar {
  readonly days: string[] = [];
  private readonly cumulative: Float64Array;
  private readonly lastDayOpenMs: number;

  /** `years` of days ending with the day of `end`; nothing after `end`. */
  constructor(readonly end: Date, years: number) {
    const last = localDate(end);
    const [y, m, d] = last.split('-').map(Number) as [number, number, number];
    const first = new Date(Date.UTC(y - years, m - 1, d + 1)).toISOString().slice(0, 10);
    for (let d = first; d <= last; d = addDays(d, 1)) this.days.push(d);
    this.cumulative = new Float64Array(this.days.length);
    this.lastDayOpenMs = Math.max(0, Math.min(CLOSE, localMsOfDay(end)) - OPEN);
    let sum = 0;
    this.days.forEach((d, i) => {
      let w: number;
      if (!isWorkday(d)) w = 0.08;
      else {
        const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
        w = weekday === 1 || weekday === 5 ? 1.4 : 1; // leaders' reception days draw more people
      }
      w *= 0.85 + (0.3 * i) / this.days.length; // a slowly growing caseload
      if (i === this.days.length - 1) w *= this.lastDayOpenMs / (CLOSE - OPEN); // today: only the hours gone by
      sum += w;
      this.cumulative[i] = sum;
    });
  }

  get first(): string {
    return this.days[0]!;
  }

  /** The instant at position p in [0, 1): days by weight, the time within the day by the remainder. */
  at(p: number): Date {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const x = Math.min(Math.max(p, 0), 0.999_999_999) * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const before = lo === 0 ? 0 : this.cumulative[lo - 1]!;
    const frac = (x - before) / (this.cumulative[lo]! - before || 1);
    const open = lo === this.days.length - 1 ? this.lastDayOpenMs : CLOSE - OPEN;
    return localInstant(this.days[lo]!, OPEN + Math.floor(frac * open));
  }

  /** A working-hours instant `days` after `from`, or null if that is after the end. */
  later(rng: Rng, from: Date, days: number): Date | null {
    const date = addDays(localDate(from), days);
    const at = localInstant(date, OPEN + rng.int(CLOSE - OPEN));
    return at.getTime() > from.getTime() && at.getTime() <= this.end.getTime() ? at : null;
  }
}
