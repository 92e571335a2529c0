import type { TodayQueueDto } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { visitsBetween } from '../../store/receptions.js';
import { today } from '../../services/calendar.js';
import { dutyDto, dutyOf } from '../../services/duty.js';
import { dayRange, queueItems } from '../../services/queue.js';

/**
 * The day's walk-in visitors in arrival order (today by default, Beijing time), with their reception
 * status. The duty leader's page polls this.
 */
function todayQueue(ctx: CoreContext, input: { date?: string }): TodayQueueDto {
  const date = input.date ?? today(ctx);
  const rows = visitsBetween(ctx.db, ...dayRange(date));
  const list = queueItems(ctx, rows, new Map(rows.map((r, i) => [r.visitId, i + 1])));
  return {
    date,
    now: ctx.clock.now().toISOString(),
    duty: dutyDto(dutyOf(ctx, date)),
    items: list,
    counts: {
      waiting: list.filter((i) => i.status === 'waiting').length,
      receiving: list.filter((i) => i.status === 'receiving').length,
      done: list.filter((i) => i.status === 'done').length,
    },
  };
}

export const todayHandlers: HandlersOf<'today'> = {
  'today.queue': todayQueue,
};
