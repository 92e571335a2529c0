import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { assessmentFigures, type AssessmentFigures } from '../../domain/assessment.js';
import { addDays } from '../../domain/local-time.js';
import { repeatVisitsBetween, statusesRegisteredBetween } from '../../store/matter-status.js';
import { today } from '../../services/calendar.js';

/** Beijing midnight of a date, as the UTC instant the store keeps. */
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** The assessment figures over matters registered from `from` to `to`, both days included. */
function assessment(ctx: CoreContext, input: { from: string; to: string }): AssessmentFigures {
  const [fromIso, toIso] = [startOf(input.from), startOf(addDays(input.to, 1))];
  return assessmentFigures(statusesRegisteredBetween(ctx.db, fromIso, toIso), repeatVisitsBetween(ctx.db, fromIso, toIso), today(ctx));
}

export const statsHandlers: HandlersOf<'stats'> = {
  'stats.assessment': assessment,
};
