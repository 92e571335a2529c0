import type { AssignKind, CaseEvent, CauseType, Evaluation, EventData, EventType } from './case-events.js';
import { EVENT_LABELS } from './case-events.js';
import { IntakeError } from '../kernel/errors.js';
import { PERIODS, type DayCounter } from './deadlines.js';
import { overallRating, type EvaluationMeans, type Rating } from './evaluation.js';

export type CaseState =
  | 'registered' | 'accepted' | 'handling' | 'extended' | 'replied' | 'closed'
  | 'rejected' | 'transferred' | 'review' | 'recheck' | 'final' | 'settled';

export const CASE_STATES = ['registered', 'accepted', 'handling', 'extended', 'replied', 'closed', 'rejected', 'transferred', 'review', 'recheck', 'final', 'settled'] as const satisfies readonly CaseState[];

export const STATE_LABELS: Record<CaseState, string> = {
  registered: '待受理',
  accepted: '已受理',
  handling: '办理中',
  extended: '已延期',
  replied: '已答复',
  closed: '已办结',
  rejected: '不予受理',
  transferred: '已转送/交办',
  review: '复查中',
  recheck: '复核中',
  final: '复核终结',
  settled: '息诉罢访',
};

/** Handling-track steps: which states each may follow. Other events do not move the state. */
const STEPS: Partial<Record<EventType, { from: readonly CaseState[]; to: CaseState }>> = {
  accept: { from: ['registered'], to: 'accepted' },
  reject: { from: ['registered'], to: 'rejected' },
  transfer: { from: ['registered'], to: 'transferred' },
  // A unit that returns a matter puts it back to the desk to decide again; the decision clock runs on from registration.
  unit_return: { from: ['transferred'], to: 'registered' },
  start: { from: ['accepted'], to: 'handling' },
  extend: { from: ['accepted', 'handling'], to: 'extended' },
  reply: { from: ['accepted', 'handling', 'extended'], to: 'replied' },
  close: { from: ['replied'], to: 'closed' },
  review_request: { from: ['replied', 'closed'], to: 'review' },
  recheck_request: { from: ['review'], to: 'recheck' },
  recheck_result: { from: ['recheck'], to: 'final' },
  settle: { from: ['replied', 'closed', 'review', 'recheck'], to: 'settled' },
};

const HANDLING_CLOSED: readonly CaseState[] = ['closed', 'rejected', 'transferred', 'final', 'settled'];

export interface CaseStatus {
  state: CaseState;
  registeredOn: string;
  decidedOn: string | null;
  acceptedOn: string | null;
  repliedOn: string | null;
  closedOn: string | null;
  extension: { days: number; approver: string; reason: string; on: string } | null;
  /** The overall rating the figures count (the lower of the two), or 拒绝评价; null before any evaluation. */
  evaluation: Evaluation | null;
  /** The latest evaluation in full: both ratings and how given (null for 拒绝评价 and before any). */
  ratings: { unit: Rating; dept: Rating; means: EvaluationMeans | null; recordedBy: string; on: string } | null;
  evaluatedOn: string | null;
  /** 回访 records, oldest first. */
  followUps: { on: string; means: string; by: string; content: string }[];
  reviewRequestedOn: string | null;
  reviewResultOn: string | null;
  recheckRequestedOn: string | null;
  unit: string | null;
  handler: string | null;
  inquiry: { causeType: CauseType | null; findings: string; unit: string; accountability: string; closedOn: string | null };
  assignment: { kind: AssignKind; leader: string; group: string[]; plan: string; targetDate: string; source: string | null; batch: string | null } | null;
  projectId: number | null;
  overdueReasons: string[];
  /** After 转送/交办: the unit's 签收, 办理反馈 and 办结报告 with their due dates (null before any transfer). */
  loop: UnitLoop | null;
  /** Deadlines, computed: never stored on their own. */
  decisionDue: string;
  /** 60 days from acceptance, as the 受理告知书 states it; an extension moves handleDue, not this. */
  handleDueBase: string | null;
  handleDue: string | null;
  reviewRequestBy: string | null;
  recheckRequestBy: string | null;
  /** The township's pending deadline, if any. */
  nextDue: string | null;
  nextDueKind: 'decide' | 'reply' | null;
  handlingClosed: boolean;
  inquiryClosed: boolean;
  fullyClosed: boolean;
}

/** The unit's periods after 转送/交办 (days from the transfer): sign within 3, first 办理反馈 within 15. */
export const UNIT_PERIODS = { sign: 3, feedback: 15 } as const;

export interface UnitLoop {
  mode: '转送' | '交办';
  unit: string;
  transferredOn: string;
  signDue: string;
  signedOn: string | null;
  receiver: string | null;
  feedbackDue: string;
  feedbacks: { on: string; progress: string }[];
  reportDue: string;
  reportedOn: string | null;
  result: string | null;
  /** The last return of an earlier transfer, kept on the record when the matter went back to the desk. */
  returned: { on: string; unit: string; reason: string } | null;
}

/** What is late in the loop on a day: a mark for each step past its due date and not done. */
export function loopMarks(loop: UnitLoop | null, today: string): { signLate: boolean; feedbackLate: boolean; reportLate: boolean; stage: '待签收' | '办理中' | '已办结' | '已退回' } {
  if (!loop) return { signLate: false, feedbackLate: false, reportLate: false, stage: '待签收' };
  if (loop.returned && loop.returned.on >= loop.transferredOn) return { signLate: false, feedbackLate: false, reportLate: false, stage: '已退回' };
  const reported = loop.reportedOn !== null;
  return {
    signLate: !loop.signedOn && today > loop.signDue,
    feedbackLate: !reported && loop.feedbacks.length === 0 && today > loop.feedbackDue,
    reportLate: !reported && today > loop.reportDue,
    stage: reported ? '已办结' : loop.signedOn ? '办理中' : '待签收',
  };
}

/** Corrections applied: voided events gone, corrected ones carry their new date and data. */
export function effectiveEvents(events: readonly CaseEvent[]): CaseEvent[] {
  const byId = new Map<number, CaseEvent>();
  const order: number[] = [];
  for (const e of events) {
    if (e.type !== 'correct') {
      byId.set(e.id, e);
      order.push(e.id);
      continue;
    }
    const target = e.corrects === null ? undefined : byId.get(e.corrects);
    const fix = e.data as EventData['correct'];
    // The registration can be re-dated but not undone: the matter exists.
    if (!target || (target.type === 'register' && fix.void)) throw new IntakeError('EVENT_NOT_CORRECTABLE', { field: 'corrects' });
    if (fix.void) byId.delete(target.id);
    else byId.set(target.id, { ...target, on: fix.on ?? target.on, data: { ...target.data, ...(fix.data ?? {}) } as never, reason: e.reason || target.reason });
  }
  return order.flatMap((id) => {
    const e = byId.get(id);
    return e ? [e] : [];
  });
}

function illegal(state: CaseState, type: EventType): IntakeError {
  return new IntakeError('ILLEGAL_STEP', {
    message_zh: `事项当前为“${STATE_LABELS[state]}”，不能${EVENT_LABELS[type]}`,
    detail: `${type} after ${state}`,
  });
}

/**
 * Folds a matter's events into its state and deadlines. Pure: the same events and counter always
 * give the same status, so correcting an event recomputes everything. Throws on an illegal sequence.
 */
export function foldCase(events: readonly CaseEvent[], counter: DayCounter): CaseStatus {
  const list = effectiveEvents(events);
  const first = list[0];
  if (!first || first.type !== 'register') throw new IntakeError('ILLEGAL_STEP', { message_zh: '事项缺少登记记录', detail: 'no register event' });
  const s: CaseStatus = {
    state: 'registered', registeredOn: first.on, decidedOn: null, acceptedOn: null, repliedOn: null, closedOn: null,
    extension: null, evaluation: null, ratings: null, evaluatedOn: null, followUps: [], reviewRequestedOn: null, reviewResultOn: null, recheckRequestedOn: null,
    unit: null, handler: null,
    inquiry: { causeType: null, findings: '', unit: '', accountability: '', closedOn: null },
    assignment: null, projectId: null, overdueReasons: [], loop: null,
    decisionDue: '', handleDueBase: null, handleDue: null, reviewRequestBy: null, recheckRequestBy: null, nextDue: null, nextDueKind: null,
    handlingClosed: false, inquiryClosed: false, fullyClosed: false,
  };
  let lastStepOn = first.on;
  for (const e of list.slice(1)) {
    if (e.type === 'register') throw illegal(s.state, e.type);
    if (e.on < s.registeredOn) throw new IntakeError('EVENT_BEFORE_REGISTRATION', { field: 'on' });
    const step = STEPS[e.type];
    if (step) {
      if (e.type === 'extend' && s.extension) throw new IntakeError('SECOND_EXTENSION');
      if (!step.from.includes(s.state)) throw illegal(s.state, e.type);
      if (e.on < lastStepOn) throw new IntakeError('EVENT_OUT_OF_ORDER', { field: 'on' });
      lastStepOn = e.on;
      s.state = step.to;
    }
    applyData(s, e, counter);
  }
  return withDeadlines(s, counter);
}

function applyData(s: CaseStatus, e: CaseEvent, counter: DayCounter): void {
  switch (e.type) {
    case 'accept':
      s.decidedOn = s.acceptedOn = e.on;
      break;
    case 'reject':
      s.decidedOn = e.on;
      break;
    case 'transfer': {
      const d = e.data as EventData['transfer'];
      s.decidedOn = e.on;
      s.unit = d.unit;
      s.loop = {
        mode: d.mode, unit: d.unit, transferredOn: e.on,
        signDue: counter.add(e.on, UNIT_PERIODS.sign), signedOn: null, receiver: null,
        feedbackDue: counter.add(e.on, UNIT_PERIODS.feedback), feedbacks: [],
        reportDue: d.dueDate ?? counter.add(e.on, PERIODS.handle), reportedOn: null, result: null,
        returned: s.loop?.returned ?? null,
      };
      break;
    }
    case 'unit_sign':
      if (s.state !== 'transferred' || !s.loop || s.loop.signedOn) throw illegal(s.state, e.type);
      if (e.on < s.loop.transferredOn) throw new IntakeError('EVENT_OUT_OF_ORDER', { field: 'on' });
      s.loop.signedOn = e.on;
      s.loop.receiver = (e.data as EventData['unit_sign']).receiver;
      break;
    case 'unit_return':
      // Only before the unit reports; the decision is to be made again.
      if (!s.loop || s.loop.reportedOn) throw illegal(s.state, e.type);
      if (e.reason.trim() === '') throw new IntakeError('REASON_REQUIRED', { field: 'reason' });
      s.loop.returned = { on: e.on, unit: s.loop.unit, reason: e.reason };
      s.decidedOn = null;
      s.unit = null;
      break;
    case 'unit_feedback':
    case 'unit_report': {
      if (s.state !== 'transferred' || !s.loop?.signedOn || s.loop.reportedOn) throw illegal(s.state, e.type);
      if (e.on < s.loop.signedOn) throw new IntakeError('EVENT_OUT_OF_ORDER', { field: 'on' });
      if (e.type === 'unit_feedback') s.loop.feedbacks.push({ on: e.on, progress: (e.data as EventData['unit_feedback']).progress });
      else {
        s.loop.reportedOn = e.on;
        s.loop.result = (e.data as EventData['unit_report']).result;
      }
      break;
    }
    case 'start': {
      const d = e.data as EventData['start'];
      s.unit = d.unit;
      s.handler = d.handler;
      break;
    }
    case 'extend': {
      const d = e.data as EventData['extend'];
      if (!(d.days >= 1 && d.days <= PERIODS.maxExtension)) throw new IntakeError('EXTENSION_TOO_LONG', { field: 'data.days' });
      s.extension = { days: d.days, approver: d.approver, reason: e.reason, on: e.on };
      break;
    }
    case 'reply':
      s.repliedOn = e.on;
      break;
    case 'close':
      s.closedOn = e.on;
      break;
    case 'evaluate': {
      if (!s.repliedOn) throw illegal(s.state, e.type);
      if (e.on < s.repliedOn) throw new IntakeError('EVENT_OUT_OF_ORDER', { field: 'on' });
      const d = e.data as EventData['evaluate'];
      if (d.unit && d.dept) {
        s.ratings = { unit: d.unit, dept: d.dept, means: d.means ?? null, recordedBy: d.recordedBy ?? e.actor, on: e.on };
        s.evaluation = overallRating(d.unit, d.dept);
      } else {
        // 拒绝评价, or one result for both as recorded before the two ratings existed.
        s.ratings = d.result && d.result !== '拒绝评价' ? { unit: d.result, dept: d.result, means: d.means ?? null, recordedBy: d.recordedBy ?? e.actor, on: e.on } : null;
        s.evaluation = d.result ?? null;
      }
      s.evaluatedOn = e.on;
      break;
    }
    case 'follow_up': {
      if (!s.repliedOn) throw illegal(s.state, e.type);
      const d = e.data as EventData['follow_up'];
      s.followUps.push({ on: e.on, means: d.means, by: d.by, content: d.content });
      break;
    }
    case 'review_request':
      if (e.on > counter.add(s.repliedOn!, PERIODS.reviewRequest)) throw new IntakeError('REVIEW_TOO_LATE', { field: 'on' });
      s.reviewRequestedOn = e.on;
      break;
    case 'review_result':
      if (s.state !== 'review' || s.reviewResultOn) throw illegal(s.state, e.type);
      s.reviewResultOn = e.on;
      break;
    case 'recheck_request':
      if (!s.reviewResultOn) throw illegal(s.state, e.type);
      if (e.on > counter.add(s.reviewResultOn, PERIODS.recheckRequest)) throw new IntakeError('RECHECK_TOO_LATE', { field: 'on' });
      s.recheckRequestedOn = e.on;
      break;
    case 'inquiry': {
      if (s.inquiry.closedOn) throw illegal(s.state, e.type);
      const d = e.data as EventData['inquiry'];
      s.inquiry = { ...s.inquiry, causeType: d.causeType, findings: d.findings, unit: d.unit, accountability: d.accountability };
      break;
    }
    case 'inquiry_close':
      if (s.inquiry.closedOn || !s.inquiry.causeType || !s.inquiry.findings) throw new IntakeError('INQUIRY_INCOMPLETE');
      s.inquiry.closedOn = e.on;
      break;
    case 'assign': {
      const d = e.data as EventData['assign'];
      s.assignment = { kind: d.kind, leader: d.leader, group: d.group, plan: d.plan, targetDate: d.targetDate, source: d.source ?? null, batch: d.batch ?? null };
      break;
    }
    case 'link_project':
      s.projectId = (e.data as EventData['link_project']).projectId;
      break;
    case 'overdue_reason':
      s.overdueReasons.push(e.reason);
      break;
    default:
      break;
  }
}

function withDeadlines(s: CaseStatus, counter: DayCounter): CaseStatus {
  s.decisionDue = counter.add(s.registeredOn, PERIODS.decide);
  if (s.acceptedOn) {
    s.handleDueBase = counter.add(s.acceptedOn, PERIODS.handle);
    s.handleDue = s.extension ? counter.add(s.handleDueBase, s.extension.days) : s.handleDueBase;
  }
  if (s.repliedOn) s.reviewRequestBy = counter.add(s.repliedOn, PERIODS.reviewRequest);
  if (s.reviewResultOn) s.recheckRequestBy = counter.add(s.reviewResultOn, PERIODS.recheckRequest);
  if (s.state === 'registered') {
    s.nextDue = s.decisionDue;
    s.nextDueKind = 'decide';
  } else if (s.state === 'accepted' || s.state === 'handling' || s.state === 'extended') {
    s.nextDue = s.handleDue;
    s.nextDueKind = 'reply';
  }
  s.handlingClosed = HANDLING_CLOSED.includes(s.state);
  s.inquiryClosed = s.inquiry.closedOn !== null;
  s.fullyClosed = s.handlingClosed && s.inquiryClosed;
  return s;
}

/** The handling steps the matter may take next: the UI offers these and nothing else. */
export function allowedSteps(s: CaseStatus): EventType[] {
  const steps = (Object.keys(STEPS) as EventType[]).filter(
    (t) => STEPS[t]!.from.includes(s.state) && !(t === 'extend' && s.extension) && !(t === 'recheck_request' && !s.reviewResultOn),
  );
  return s.state === 'review' && !s.reviewResultOn ? [...steps, 'review_result'] : steps;
}

export const isOverdue = (s: CaseStatus, today: string): boolean => s.nextDue !== null && today > s.nextDue;
