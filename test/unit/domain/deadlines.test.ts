import { describe, expect, it } from 'vitest';
import { calendarDays, daysLeft, workingDays } from '../../../core/domain/deadlines.js';
import { foldCase } from '../../../core/domain/case-state.js';
import type { CaseEvent, EventType } from '../../../core/domain/case-events.js';
import { codeOf } from '../../helpers/errors.js';

let nextId = 1;
const ev = <T extends EventType>(type: T, on: string, data: object = {}, reason = ''): CaseEvent =>
  ({ id: nextId++, type, on, data, reason, actor: 't', corrects: null }) as CaseEvent;


describe('calendar days (default)', () => {
  it('does not count the start day: 15 days from 11-24 end on 12-09', () => {
    expect(calendarDays.add('2026-11-24', 15)).toBe('2026-12-09');
  });
  it('crosses month and year ends, and leap February', () => {
    expect(calendarDays.add('2026-01-31', 15)).toBe('2026-02-15');
    expect(calendarDays.add('2026-12-15', 60)).toBe('2027-02-13');
    expect(calendarDays.add('2028-02-20', 15)).toBe('2028-03-06');
    expect(calendarDays.add('2027-02-20', 15)).toBe('2027-03-07');
  });
  it('runs straight through the National Day holiday', () => {
    expect(calendarDays.add('2026-09-28', 15)).toBe('2026-10-13');
  });
  it('counts days left, negative once overdue', () => {
    expect(daysLeft('2026-11-24', '2026-12-09')).toBe(15);
    expect(daysLeft('2026-12-10', '2026-12-09')).toBe(-1);
  });
});

describe('working days (setting), from the official holiday table', () => {
  it('skips the National Day week and counts the Saturday make-up workday', () => {
    // 9-29, 9-30, (10-1..10-7 off), 10-8, 10-9, 10-10 (Sat, make-up), 10-12 … 10-16, 10-19 … 10-23
    expect(workingDays.add('2026-09-28', 15)).toBe('2026-10-23');
    expect(workingDays.add('2026-09-30', 1)).toBe('2026-10-08');
    expect(workingDays.add('2026-10-09', 1)).toBe('2026-10-10');
  });
  it('skips plain weekends across a month end', () => {
    expect(workingDays.add('2026-11-27', 1)).toBe('2026-11-30'); // Fri → Mon
    expect(workingDays.add('2026-11-24', 15)).toBe('2026-12-15');
  });
  it('says when a year is not in the holiday table', () => {
    expect(workingDays.uncovered('2026-05-01')).toBe(false);
    expect(workingDays.uncovered('2099-05-01')).toBe(true);
  });
});

describe('handling deadline and its one extension', () => {
  const base = () => [ev('register', '2026-09-01'), ev('accept', '2026-09-10')];

  it('is 60 days from acceptance, plus the extension', () => {
    expect(foldCase(base(), calendarDays).handleDue).toBe('2026-11-09');
    const extended = foldCase([...base(), ev('extend', '2026-10-20', { days: 30, approver: '镇长' }, '需多部门会商')], calendarDays);
    expect(extended.handleDue).toBe('2026-12-09');
    expect(extended.state).toBe('extended');
    expect(extended.extension).toEqual({ days: 30, approver: '镇长', reason: '需多部门会商', on: '2026-10-20' });
  });

  it('caps the extension at 30 days', () => {
    expect(codeOf(() => foldCase([...base(), ev('extend', '2026-10-20', { days: 31, approver: '镇长' })], calendarDays))).toBe(
      'EXTENSION_TOO_LONG',
    );
  });

  it('refuses a second extension', () => {
    const twice = [...base(), ev('start', '2026-09-11', { unit: '国土所', handler: '李' }), ev('extend', '2026-10-20', { days: 10, approver: '镇长' })];
    expect(codeOf(() => foldCase([...twice, ev('extend', '2026-10-25', { days: 5, approver: '镇长' })], calendarDays))).toBe('SECOND_EXTENSION');
  });

  it('counts in working days when set', () => {
    const s = foldCase([ev('register', '2026-09-28'), ev('accept', '2026-09-30')], workingDays);
    expect(s.decisionDue).toBe('2026-10-23');
    expect(s.handleDue).toBe(workingDays.add('2026-09-30', 60));
  });
});
