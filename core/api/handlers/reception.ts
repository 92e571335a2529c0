import type { ParsedInput, QueueItemDto } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import { IntakeError } from '../../kernel/errors.js';
import { appendEvent } from '../../store/events.js';
import { finishReception, getReception, saveReception, startReception, visitMatter } from '../../store/receptions.js';
import { today } from '../../services/calendar.js';
import { dutyLeaderToday } from '../../services/duty.js';
import { refreshStatus } from '../../services/matter-status.js';
import { queueItem } from '../../services/queue.js';

/** The leader calls the visitor in. Receiving one already being received is harmless. */
function receptionStart(ctx: CoreContext, input: ParsedInput<'reception.start'>): QueueItemDto {
  queueItem(ctx, input.visitId);
  const r = getReception(ctx.db, input.visitId);
  if (r?.status === 'done') throw new IntakeError('RECEPTION_FINISHED', { field: 'visitId' });
  if (!r) {
    const leader = input.leader || dutyLeaderToday(ctx);
    if (!leader) throw new IntakeError('LEADER_REQUIRED', { field: 'leader' });
    startReception(ctx.db, input.visitId, leader, ctx.clock.now().toISOString());
  }
  return queueItem(ctx, input.visitId);
}

/**
 * Saves what was heard and answered; with `finish`, the visitor is received and the record becomes a
 * 'reception' event on the matter (so it is in the matter's history and any later correction is an event too).
 */
function receptionSave(ctx: CoreContext, input: ParsedInput<'reception.save'>, session: Session): QueueItemDto {
  queueItem(ctx, input.visitId);
  const r = getReception(ctx.db, input.visitId);
  if (!r) throw new IntakeError('RECEPTION_NOT_STARTED', { field: 'visitId' });
  if (r.status === 'done') throw new IntakeError('RECEPTION_FINISHED', { field: 'visitId' });
  saveReception(ctx.db, input.visitId, { heard: input.heard, answered: input.answered });
  if (input.finish) {
    const matterId = visitMatter(ctx.db, input.visitId)!.matterId;
    const at = ctx.clock.now().toISOString();
    const data = { visitId: input.visitId, leader: r.leader, heard: input.heard, answered: input.answered };
    const eventId = appendEvent(ctx.db, { matterId, type: 'reception', on: today(ctx), data, reason: '', actor: session.user }, at);
    refreshStatus(ctx, matterId);
    finishReception(ctx.db, input.visitId, eventId, at);
  }
  return queueItem(ctx, input.visitId);
}

export const receptionHandlers: HandlersOf<'reception'> = {
  'reception.start': receptionStart,
  'reception.save': receptionSave,
};
