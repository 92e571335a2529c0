/** An instruction (批示) with its standing on a given day. */
import type { InstructionDto } from '../domain/views/instruction.js';
import { daysLeft } from '../domain/deadlines.js';
import { isInstructionOverdue } from '../domain/instructions.js';
import type { InstructionListRow } from '../store/instructions.js';

export function instructionDto(i: InstructionListRow, t: string): InstructionDto {
  return { ...i, overdue: isInstructionOverdue(i, t), daysLeft: i.doneOn ? null : daysLeft(t, i.dueDate) };
}
