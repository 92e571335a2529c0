/**
 * What can happen to a matter. Every change is one of these events, appended and never edited;
 * a mistake is put right by a `correct` event that names the one it corrects.
 */
import type { Evaluation, EvaluationMeans, FollowUpMeans, Rating } from './evaluation.js';
export { EVALUATIONS, type Evaluation } from './evaluation.js';

export const REDIRECTS = { litigation: '人民法院（诉讼）', arbitration: '仲裁机构', admin_review: '行政复议机关', other: '其他有权处理的机关' } as const;
export const CAUSE_TYPES = ['政策', '作风', '历史遗留', '其他'] as const;
export const ASSIGN_KINDS = ['重点', '积案', '交办件'] as const;

export type Redirect = keyof typeof REDIRECTS;
export type CauseType = (typeof CAUSE_TYPES)[number];
export type AssignKind = (typeof ASSIGN_KINDS)[number];

export interface EventData {
  register: Record<string, never>;
  accept: Record<string, never>;
  reject: { redirect: Redirect; body: string };
  /** dueDate: when the unit's 办结报告 is due (default: 60 days, the handling period). */
  transfer: { mode: '转送' | '交办'; unit: string; dueDate?: string };
  /** The unit's side after 转送/交办 (the handling loop): signs for it, or returns it with a reason (the event's reason). */
  unit_sign: { receiver: string };
  unit_return: Record<string, never>;
  unit_feedback: { progress: string };
  unit_report: { result: string };
  start: { unit: string; handler: string };
  extend: { days: number; approver: string };
  reply: { facts: string; basis: string; decision: string };
  close: Record<string, never>;
  /**
   * The petitioner's evaluation: the two ratings (责任单位, 信访部门) and how given, with who recorded it;
   * or `result` alone: 拒绝评价, or one rating for both as recorded before the two existed.
   */
  evaluate: { result?: Evaluation; unit?: Rating; dept?: Rating; means?: EvaluationMeans; recordedBy?: string };
  /** 回访: the desk calls or visits the petitioner after the reply. Does not move the handling state. */
  follow_up: { means: FollowUpMeans; by: string; content: string };
  review_request: Record<string, never>;
  review_result: { outcome: string };
  recheck_request: Record<string, never>;
  recheck_result: { outcome: string };
  settle: Record<string, never>;
  inquiry: { causeType: CauseType; findings: string; unit: string; accountability: string };
  inquiry_close: Record<string, never>;
  assign: { kind: AssignKind; leader: string; group: string[]; plan: string; targetDate: string; source?: string; batch?: string };
  ledger: { analysis?: string; plan?: string; result?: string };
  link_project: { projectId: number | null };
  overdue_reason: Record<string, never>;
  /** 领导接访: what the duty leader heard and answered at one visit. Does not move the handling state. */
  reception: { visitId: number; leader: string; heard: string; answered: string };
  /** 领导批示: work for a responsible unit or person, with a due date. Its event id is the instruction's id. */
  instruction: { text: string; responsible: string; dueDate: string; leader: string; visitId?: number };
  instruction_note: { instructionId: number; note: string };
  instruction_done: { instructionId: number; note: string };
  correct: { on?: string; data?: Record<string, unknown>; void?: boolean };
  /** 送达: one service of an issued notice (送达回证). Does not move the handling state. */
  serve: { noticeId: number; docNo: string; document: string; method: '当面' | '邮寄' | '留置' | '电子'; result: '签收' | '拒收'; recipient: string; server: string; witness: string };
}
export type EventType = keyof EventData;

export interface CaseEvent<T extends EventType = EventType> {
  id: number;
  type: T;
  /** The day it happened (Beijing date); periods count from it. */
  on: string;
  data: EventData[T];
  reason: string;
  actor: string;
  corrects: number | null;
}

export const EVENT_LABELS: Record<EventType, string> = {
  register: '登记',
  accept: '受理',
  reject: '不予受理',
  transfer: '转送/交办',
  unit_sign: '单位签收',
  unit_return: '单位退回',
  unit_feedback: '办理反馈',
  unit_report: '办结报告',
  start: '开始办理',
  extend: '延期',
  reply: '答复（处理意见书）',
  close: '办结',
  evaluate: '群众评价',
  follow_up: '回访',
  review_request: '申请复查',
  review_result: '复查结果',
  recheck_request: '申请复核',
  recheck_result: '复核结果',
  settle: '息诉罢访',
  inquiry: '成因调查',
  inquiry_close: '成因调查办结',
  assign: '领导包案',
  ledger: '三账三单三题',
  link_project: '关联项目',
  overdue_reason: '超期原因',
  reception: '领导接访',
  instruction: '领导批示',
  instruction_note: '批示跟进',
  instruction_done: '批示办结',
  correct: '更正',
  serve: '文书送达',
};
