import type { CaseStatus } from '../case-state.js';
import type { EventType } from '../case-events.js';
import type { PersonHit } from './person.js';
import type { RecordFields } from '../national-record.js';
import type { EvaluationState } from '../evaluation.js';

export interface MatterBrief {
  id: number;
  caseNo: string;
  category: string;
  purpose: string;
  tags: string[];
  request: string;
  registeredAt: string;
  visits: number;
  isGroup: boolean;
  personIds: number[];
  /** Where the matter stands, for the repeat panel (已办结 / 息诉罢访 / 复核终结 …). */
  state: string;
  stateLabel: string;
  /** Handling is over (办结, 不予受理, 转送, 复核终结, 息诉罢访): a visit on it starts no deadline. */
  handlingClosed: boolean;
  /** 复查 may still be requested (信访工作条例: within 30 days of the reply): the last day, else null. */
  reviewBy: string | null;
  /** 复核终结: the same facts and reasons are not accepted again. */
  final: boolean;
}

export interface MatterEventDto {
  id: number;
  type: EventType;
  label: string;
  on: string;
  data: Record<string, unknown>;
  reason: string;
  actor: string;
  recordedAt: string;
  corrects: number | null;
  /** Set when a later event corrected this one. */
  correctedBy: number | null;
}
export interface MatterDetail {
  matter: MatterBrief & { facts: string; channel: string; levelSkips: { level: string; visitedOn: string | null; abnormal: boolean }[] };
  /**
   * The national record's fields: as stated at registration (migration 018), how it came in (the day
   * received, the source body and its number: migration 019), and what the record computes.
   */
  record: RecordFields & {
    receivedOn: string | null;
    sourceBody: string;
    sourceNo: string;
    repeatOfCaseNo: string | null;
    firstAtCenter: boolean;
    repeat: boolean;
    backlog: boolean;
  };
  persons: PersonHit[];
  status: CaseStatus;
  stateLabel: string;
  /** The evaluation's lifecycle today (core/domain/evaluation.ts): 待评价 until evaluated or its window is over. */
  evaluation: { state: EvaluationState; due: string | null; days: number; reviewOfferBy: string | null };
  overdue: boolean;
  /** After 转送/交办: the unit's late steps today (core/domain/case-state.ts loopMarks). */
  loopMarks: { signLate: boolean; feedbackLate: boolean; reportLate: boolean; stage: '待签收' | '办理中' | '已办结' | '已退回' } | null;
  daysLeft: number | null;
  dayMode: 'calendar' | 'working';
  /** Handling steps the matter may take now. */
  allowed: EventType[];
  events: MatterEventDto[];
  visits: { id: number; visitedAt: string; channel: string; headcount: number; isRepeat: boolean; persons: string; representatives: string }[];
  /** Persons who represented the group on one of its visits (集体访). */
  representativeIds: number[];
  attachments: { id: number; fileName: string; mime: string; size: number; sha256: string }[];
}

export interface MatterRowDto {
  id: number;
  caseNo: string;
  /** 信访形式 (走访, 来信, 来电, 上级转送, 领导批示件 …) and, where it came from a body, that body and its number. */
  channel: string;
  sourceBody: string;
  sourceNo: string;
  category: string;
  request: string;
  persons: string;
  registeredAt: string;
  state: string;
  stateLabel: string;
  nextDue: string | null;
  nextDueKind: 'decide' | 'reply' | null;
  daysLeft: number | null;
  overdue: boolean;
  unit: string | null;
  handler: string | null;
  leader: string | null;
  assignKind: string | null;
}
