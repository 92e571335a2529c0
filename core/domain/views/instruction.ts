import type { InstructionState } from '../instructions.js';

/** An instruction (批示) as folded from its events (`id` is the 'instruction' event's), with its matter. */
export interface InstructionDto extends InstructionState {
  caseNo: string;
  persons: string;
  overdue: boolean;
  daysLeft: number | null;
}
