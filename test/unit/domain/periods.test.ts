import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarKey, daysBetween, periodOf, previousPeriod, splitRange, trailingMonths, yearAgoPeriod } from '../../../core/domain/periods.js';
import { addDays } from '../../../core/domain/local-time.js';

describe('reporting periods', () => {
  it('reads calendar periods from their dates, anything else as a range', () => {
    expect(periodOf('2026-02-01', '2026-02-28')).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28', label: '2026年2月' });
    expect(periodOf('2026-04-01', '2026-06-30')).toMatchObject({ kind: 'quarter', label: '2026年第二季度' });
    expect(periodOf('2026-07-01', '2026-12-31')).toMatchObject({ kind: 'half', label: '2026年下半年' });
    expect(periodOf('2026-01-01', '2026-12-31')).toMatchObject({ kind: 'year', label: '2026年' });
    expect(periodOf('2026-02-01', '2026-02-27')).toMatchObject({ kind: 'range', label: '2026-02-01 至 2026-02-27' });
    expect(periodOf('2026-02-01', '2026-04-30')).toMatchObject({ kind: 'range' }); // three months, but not a quarter
  });

  it('gives the period before and the same period a year before', () => {
    expect(previousPeriod(periodOf('2026-01-01', '2026-01-31'))).toMatchObject({ from: '2025-12-01', to: '2025-12-31', kind: 'month' });
    expect(previousPeriod(periodOf('2026-03-01', '2026-03-31'))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(periodOf('2026-01-01', '2026-03-31'))).toMatchObject({ from: '2025-10-01', to: '2025-12-31', kind: 'quarter' });
    expect(previousPeriod(periodOf('2026-01-01', '2026-06-30'))).toMatchObject({ from: '2025-07-01', to: '2025-12-31', kind: 'half' });
    expect(previousPeriod(periodOf('2026-09-25', '2026-10-05'))).toMatchObject({ from: '2026-09-14', to: '2026-09-24' });
    expect(yearAgoPeriod(periodOf('2024-02-01', '2024-02-29'))).toMatchObject({ from: '2023-02-01', to: '2023-02-28', kind: 'month' });
    expect(yearAgoPeriod(periodOf('2024-02-10', '2024-02-29'))).toMatchObject({ from: '2023-02-10', to: '2023-02-28', kind: 'range' });
  });

  it('splits any range into whole months and edge days covering each day once', () => {
    expect(splitRange('2026-03-05', '2026-05-10')).toEqual({ months: ['2026-04'], days: [['2026-03-05', '2026-03-31'], ['2026-05-01', '2026-05-10']] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 800 }), (a, len) => {
        const from = addDays('2020-01-01', a);
        const to = addDays(from, len);
        const { months, days } = splitRange(from, to);
        const covered: string[] = [];
        for (const [x, y] of days) for (let d = x; d <= y; d = addDays(d, 1)) covered.push(d);
        for (const m of months) for (let d = `${m}-01`; d.startsWith(m); d = addDays(d, 1)) covered.push(d);
        covered.sort();
        expect(covered.length).toBe(daysBetween(from, to) + 1);
        expect(covered[0]).toBe(from);
        expect(covered.at(-1)).toBe(to);
        expect(new Set(covered).size).toBe(covered.length);
      }),
    );
  });

  it('names calendar periods for the kept distinct counts, and the trailing months', () => {
    expect([calendarKey(periodOf('2026-10-01', '2026-10-31')), calendarKey(periodOf('2026-10-01', '2026-12-31')), calendarKey(periodOf('2026-07-01', '2026-12-31')), calendarKey(periodOf('2026-01-01', '2026-12-31')), calendarKey(periodOf('2026-10-01', '2026-10-30'))]).toEqual(['m2026-10', 'q2026-4', 'h2026-2', 'y2026', null]);
    expect(trailingMonths('2026-03-31', 4)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
  });
});
