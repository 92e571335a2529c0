import type { InstructionDto } from './instruction.js';

export interface QueueItemDto {
  visitId: number;
  matterId: number;
  /** 1, 2, 3 … in arrival order. */
  position: number;
  caseNo: string;
  arrivedAt: string;
  persons: { id: number; name: string; representative: boolean }[];
  headcount: number;
  category: string;
  purpose: string;
  tags: string[];
  request: string;
  /** This visit's place among the matter's visits: 2 and up is a repeat visit. */
  visitNo: number;
  isRepeat: boolean;
  isGroup: boolean;
  /** 越级: the levels already visited on this matter (县, 市, 省, 进京). */
  levelSkips: string[];
  status: 'waiting' | 'receiving' | 'done';
  /** Until reception began, or until now while waiting. */
  minutesWaiting: number;
  leader: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  heard: string;
  answered: string;
  stateLabel: string;
  /** What an instruction's due date defaults to: the matter's pending deadline. */
  defaultDue: string | null;
  instructions: InstructionDto[];
}
