import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedSteps, foldCase, isOverdue, type CaseState } from '../../../core/domain/case-state.js';
import type { CaseEvent, EventType } from '../../../core/domain/case-events.js';
import { calendarDays } from '../../../core/domain/deadlines.js';
import { IntakeError } from '../../../core/kernel/errors.js';

let nextId = 1;
const ev = (type: EventType, on: string, data: object = {}, extra: Partial<CaseEvent> = {}): CaseEvent =>
  ({ id: nextId++, type, on, data, reason: '', actor: 't', corrects: null, ...extra }) as CaseEvent;

function refused(events: CaseEvent[]): { code: string; zh: string } | null {
  try {
    foldCase(events, calendarDays);
    return null;
  } catch (e) {
    if (!(e instanceof IntakeError)) throw e;
    return { code: e.code, zh: e.message_zh };
  }
}

describe('case states', () => {
  it('walks 登记 → 受理 → 办理中 → 答复 → 办结 and both tracks close the matter', () => {
    const events = [
      ev('register', '2026-09-01'),
      ev('accept', '2026-09-05'),
      ev('start', '2026-09-06', { unit: '国土所', handler: '王' }),
      ev('reply', '2026-10-01', { facts: 'f', basis: 'b', decision: 'd' }),
      ev('evaluate', '2026-10-02', { result: '满意' }),
      ev('close', '2026-10-03'),
    ];
    const s = foldCase(events, calendarDays);
    expect([s.state, s.unit, s.handler, s.evaluation, s.handlingClosed, s.fullyClosed]).toEqual(['closed', '国土所', '王', '满意', true, false]);
    const inquired = foldCase(
      [...events, ev('inquiry', '2026-10-04', { causeType: '政策', findings: '补偿标准未公示', unit: '国土所', accountability: '约谈' }), ev('inquiry_close', '2026-10-05')],
      calendarDays,
    );
    expect(inquired.fullyClosed).toBe(true);
  });

  it('refuses an illegal step with a clear Chinese message', () => {
    const r = refused([ev('register', '2026-09-01'), ev('reply', '2026-09-02', { facts: '', basis: '', decision: '' })]);
    expect(r).toEqual({ code: 'ILLEGAL_STEP', zh: '事项当前为“待受理”，不能答复（处理意见书）' });
    expect(refused([ev('register', '2026-09-01'), ev('reject', '2026-09-02', { redirect: 'litigation', body: '法院' }), ev('accept', '2026-09-03')])?.code).toBe('ILLEGAL_STEP');
    expect(refused([ev('register', '2026-09-01'), ev('accept', '2026-08-30')])?.code).toBe('EVENT_BEFORE_REGISTRATION');
    expect(refused([ev('register', '2026-09-01'), ev('accept', '2026-09-05'), ev('start', '2026-09-04', { unit: 'u', handler: 'h' })])?.code).toBe('EVENT_OUT_OF_ORDER');
    expect(refused([ev('register', '2026-09-01'), ev('inquiry_close', '2026-09-02')])?.code).toBe('INQUIRY_INCOMPLETE');
  });

  it('allows 复查 only within 30 days of the reply, then 复核 within 30 days of the answer', () => {
    const replied = [ev('register', '2026-09-01'), ev('accept', '2026-09-02'), ev('reply', '2026-09-10', { facts: 'f', basis: 'b', decision: 'd' })];
    expect(refused([...replied, ev('review_request', '2026-10-11')])?.code).toBe('REVIEW_TOO_LATE');
    const review = [...replied, ev('review_request', '2026-10-10'), ev('review_result', '2026-11-01', { outcome: '维持' })];
    expect(foldCase(review, calendarDays).recheckRequestBy).toBe('2026-12-01');
    expect(refused([...review, ev('recheck_request', '2026-12-02')])?.code).toBe('RECHECK_TOO_LATE');
    const final = foldCase([...review, ev('recheck_request', '2026-11-20'), ev('recheck_result', '2026-12-10', { outcome: '维持' })], calendarDays);
    expect([final.state, final.handlingClosed]).toEqual(['final', true]);
  });

  it('recomputes from a corrected event: a re-dated acceptance moves the deadline, a voided one reopens', () => {
    const acc = ev('accept', '2026-09-05');
    const base = [ev('register', '2026-09-01'), acc];
    expect(foldCase(base, calendarDays).handleDue).toBe('2026-11-04');
    const redated = foldCase([...base, ev('correct', '2026-09-20', { on: '2026-09-03' }, { corrects: acc.id, reason: '录入错误' })], calendarDays);
    expect(redated.handleDue).toBe('2026-11-02');
    const voided = foldCase([...base, ev('correct', '2026-09-20', { void: true }, { corrects: acc.id })], calendarDays);
    expect([voided.state, voided.nextDue]).toEqual(['registered', '2026-09-16']);
  });

  it('knows what is overdue', () => {
    const s = foldCase([ev('register', '2026-09-01')], calendarDays);
    expect(isOverdue(s, '2026-09-16')).toBe(false);
    expect(isOverdue(s, '2026-09-17')).toBe(true);
  });
});

// ---- property: the fold equals a plain reference fold on random valid sequences ----------------

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Independent model: walks the law's steps with plain arithmetic, tracking what the fold must say. */
interface Model {
  events: CaseEvent[];
  state: CaseState;
  registeredOn: string;
  acceptedOn: string | null;
  ext: number;
}
const NEXT: Record<CaseState, EventType[]> = {
  registered: ['accept', 'reject', 'transfer'],
  accepted: ['start', 'extend', 'reply'],
  handling: ['extend', 'reply'],
  extended: ['reply'],
  replied: ['close', 'settle', 'review_request'],
  closed: ['review_request', 'settle'],
  review: ['settle'],
  recheck: [],
  rejected: [],
  transferred: [],
  final: [],
  settled: [],
};
const TO: Partial<Record<EventType, CaseState>> = {
  accept: 'accepted', reject: 'rejected', transfer: 'transferred', start: 'handling', extend: 'extended',
  reply: 'replied', close: 'closed', settle: 'settled', review_request: 'review',
};

const sequences = fc
  .record({
    start: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
    choices: fc.array(fc.tuple(fc.nat(10), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 30 })), { maxLength: 8 }),
  })
  .map(({ start, choices }) => {
    let id = 1;
    const registeredOn = start.toISOString().slice(0, 10);
    const m: Model = { events: [{ id: id++, type: 'register', on: registeredOn, data: {}, reason: '', actor: 't', corrects: null } as CaseEvent], state: 'registered', registeredOn, acceptedOn: null, ext: 0 };
    let on = registeredOn;
    for (const [pick, gap, days] of choices) {
      const options = NEXT[m.state].filter((t) => !(t === 'extend' && m.ext > 0));
      if (options.length === 0) break;
      const type = options[pick % options.length]!;
      on = addDays(on, type === 'review_request' ? Math.min(gap, 5) : gap);
      const data = type === 'extend' ? { days, approver: '镇长' } : type === 'start' ? { unit: 'u', handler: 'h' } : {};
      m.events.push({ id: id++, type, on, data, reason: 'r', actor: 't', corrects: null } as CaseEvent);
      m.state = TO[type]!;
      if (type === 'accept') m.acceptedOn = on;
      if (type === 'extend') m.ext = days;
    }
    return m;
  });

describe('fold property', () => {
  it('state and deadlines equal the reference fold for random valid event sequences', () => {
    fc.assert(
      fc.property(sequences, (m) => {
        const s = foldCase(m.events, calendarDays);
        expect(s.state).toBe(m.state);
        expect(s.decisionDue).toBe(addDays(m.registeredOn, 15));
        expect(s.handleDue).toBe(m.acceptedOn ? addDays(m.acceptedOn, 60 + m.ext) : null);
        const pendingReply = ['accepted', 'handling', 'extended'].includes(m.state);
        expect(s.nextDue).toBe(m.state === 'registered' ? addDays(m.registeredOn, 15) : pendingReply ? s.handleDue : null);
        expect(allowedSteps(s)).toEqual(expect.arrayContaining(NEXT[m.state].filter((t) => !(t === 'extend' && m.ext > 0))));
      }),
      { numRuns: 1000 },
    );
  });
});
