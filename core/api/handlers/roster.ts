import type { DutyDayDto, ParsedInput } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import { IntakeError } from '../../kernel/errors.js';
import { monthRange, swapDays } from '../../domain/roster.js';
import { clearOverride, getLeader, setOverride } from '../../store/roster.js';
import { today } from '../../services/calendar.js';
import { dutyDays, dutyDto, dutyOf } from '../../services/duty.js';

function rosterMonth(ctx: CoreContext, input: { month: string }): DutyDayDto[] {
  const { from, to } = monthRange(input.month);
  return dutyDays(ctx, from, to).map(dutyDto);
}

function rosterSet(ctx: CoreContext, input: ParsedInput<'roster.set'>, session: Session): DutyDayDto {
  if (input.leaderId !== null && !getLeader(ctx.db, input.leaderId)) throw new IntakeError('LEADER_NOT_FOUND', { field: 'leaderId' });
  setOverride(ctx.db, { date: input.date, leaderId: input.leaderId, note: input.note }, session.user, ctx.clock.now().toISOString());
  return dutyDto(dutyOf(ctx, input.date));
}

function rosterClear(ctx: CoreContext, input: { date: string }): DutyDayDto {
  clearOverride(ctx.db, input.date);
  return dutyDto(dutyOf(ctx, input.date));
}

function rosterSwap(ctx: CoreContext, input: ParsedInput<'roster.swap'>, session: Session): DutyDayDto[] {
  const at = ctx.clock.now().toISOString();
  for (const o of swapDays(dutyOf(ctx, input.a), dutyOf(ctx, input.b), input.note)) setOverride(ctx.db, o, session.user, at);
  return [dutyDto(dutyOf(ctx, input.a)), dutyDto(dutyOf(ctx, input.b))];
}

export const rosterHandlers: HandlersOf<'roster'> = {
  'roster.month': rosterMonth,
  'roster.today': (ctx) => dutyDto(dutyOf(ctx, today(ctx))),
  'roster.set': rosterSet,
  'roster.clear': rosterClear,
  'roster.swap': rosterSwap,
};
