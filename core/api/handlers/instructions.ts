import type { InstructionDto, ParsedInput } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import { IntakeError } from '../../kernel/errors.js';
import { defaultDueDate } from '../../domain/instructions.js';
import { appendEvent } from '../../store/events.js';
import { getInstruction, listInstructions, responsibleSummary } from '../../store/instructions.js';
import { getMatter } from '../../store/matters.js';
import { getReception, visitMatter } from '../../store/receptions.js';
import { instructionDueDays } from '../../store/settings.js';
import { today } from '../../services/calendar.js';
import { dutyLeaderToday } from '../../services/duty.js';
import { instructionDto } from '../../services/instruction-view.js';
import { refreshStatus, statusOf } from '../../services/matter-status.js';

function load(ctx: CoreContext, id: number): InstructionDto {
  const i = getInstruction(ctx.db, id);
  if (!i) throw new IntakeError('INSTRUCTION_NOT_FOUND', { field: 'instructionId' });
  return instructionDto(i, today(ctx));
}

/**
 * Records a 领导批示 on a matter: an 'instruction' event (the handling state does not move). The due date
 * defaults to the matter's pending deadline; the leader to whoever received this visit, else today's duty leader.
 */
function instructionsAdd(ctx: CoreContext, input: ParsedInput<'instructions.add'>, session: Session): InstructionDto {
  if (!getMatter(ctx.db, input.matterId)) throw new IntakeError('MATTER_NOT_FOUND', { field: 'matterId' });
  if (input.visitId !== undefined) {
    const v = visitMatter(ctx.db, input.visitId);
    if (!v) throw new IntakeError('VISIT_NOT_FOUND', { field: 'visitId' });
    if (v.matterId !== input.matterId) throw new IntakeError('VISIT_MATTER_MISMATCH', { field: 'visitId' });
  }
  const t = today(ctx);
  const status = statusOf(ctx, input.matterId);
  const dueDate = input.dueDate ?? defaultDueDate(status, t, instructionDueDays(ctx.db));
  if (dueDate < t) throw new IntakeError('INSTRUCTION_DUE_PAST', { field: 'dueDate' });
  const receivedBy = input.visitId !== undefined ? getReception(ctx.db, input.visitId)?.leader : undefined;
  const leader = input.leader || receivedBy || dutyLeaderToday(ctx);
  if (!leader) throw new IntakeError('LEADER_REQUIRED', { field: 'leader' });
  const id = appendEvent(
    ctx.db,
    {
      matterId: input.matterId,
      type: 'instruction',
      on: t,
      data: { text: input.text, responsible: input.responsible, dueDate, leader, ...(input.visitId !== undefined ? { visitId: input.visitId } : {}) },
      reason: '',
      actor: session.user,
    },
    ctx.clock.now().toISOString(),
  );
  refreshStatus(ctx, input.matterId);
  return load(ctx, id);
}

function follow(ctx: CoreContext, input: { instructionId: number; note: string }, session: Session, type: 'instruction_note' | 'instruction_done'): InstructionDto {
  const before = load(ctx, input.instructionId);
  if (before.doneOn) throw new IntakeError('INSTRUCTION_DONE', { field: 'instructionId' });
  const data = { instructionId: input.instructionId, note: input.note };
  appendEvent(ctx.db, { matterId: before.matterId, type, on: today(ctx), data, reason: '', actor: session.user }, ctx.clock.now().toISOString());
  refreshStatus(ctx, before.matterId);
  return load(ctx, input.instructionId);
}

const instructionsNote = (ctx: CoreContext, input: { instructionId: number; note: string }, session: Session) =>
  follow(ctx, input, session, 'instruction_note');
const instructionsDone = (ctx: CoreContext, input: { instructionId: number; note: string }, session: Session) =>
  follow(ctx, input, session, 'instruction_done');

function instructionsList(ctx: CoreContext, input: ParsedInput<'instructions.list'>): InstructionDto[] {
  const t = today(ctx);
  return listInstructions(ctx.db, { responsible: input.responsible || undefined, state: input.state, limit: input.limit }).map((i) => instructionDto(i, t));
}

const instructionsResponsibles = (ctx: CoreContext) => responsibleSummary(ctx.db, today(ctx));

export const instructionsHandlers: HandlersOf<'instructions'> = {
  'instructions.add': instructionsAdd,
  'instructions.note': instructionsNote,
  'instructions.done': instructionsDone,
  'instructions.list': instructionsList,
  'instructions.responsibles': instructionsResponsibles,
};
