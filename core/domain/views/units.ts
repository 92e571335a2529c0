/** What the units and handling-loop calls return (core/services/unit-loop.ts). */
import type { UnitKind } from '../units.js';

export interface UnitDto {
  /** Null for a village: villages are kept in their own list (villages.*). */
  id: number | null;
  kind: UnitKind;
  name: string;
  active: boolean;
}

export interface LoopRowDto {
  matterId: number;
  caseNo: string;
  /** 信访形式, with the source body for 上级转送 / 领导批示件. */
  channel: string;
  request: string;
  mode: '转送' | '交办';
  unit: string;
  transferredOn: string;
  stage: '待签收' | '办理中' | '已办结' | '已退回';
  signDue: string;
  signedOn: string | null;
  feedbackDue: string;
  lastFeedbackOn: string | null;
  reportDue: string;
  reportedOn: string | null;
  returnReason: string | null;
  signLate: boolean;
  feedbackLate: boolean;
  reportLate: boolean;
}

export interface UnitLoadDto {
  unit: string;
  open: number;
  late: number;
}
