/** Who is on duty (带班) on a day: the roster rules over the center's leaders and overrides. */
import type { CoreContext } from '../kernel/context.js';
import type { DutyDayDto } from '../domain/views/duty.js';
import { leaderLabel, rosterDays, type RosterDay } from '../domain/roster.js';
import { listLeaders, overridesBetween } from '../store/roster.js';
import { today } from './calendar.js';

export function dutyDays(ctx: CoreContext, from: string, to: string): RosterDay[] {
  return rosterDays(from, to, listLeaders(ctx.db), overridesBetween(ctx.db, from, to));
}

export function dutyDto(d: RosterDay): DutyDayDto {
  return {
    date: d.date,
    weekday: d.weekday,
    working: d.working,
    holiday: d.holiday,
    makeUp: d.makeUp,
    kind: d.kind,
    leader: d.leader,
    planned: d.planned,
    override: d.override ? { leaderId: d.override.leaderId, note: d.override.note } : null,
  };
}

export const dutyOf = (ctx: CoreContext, date: string): RosterDay => dutyDays(ctx, date, date)[0]!;

/** "党委书记 王某", or '' when nobody is on duty today. */
export const dutyLeaderToday = (ctx: CoreContext): string => leaderLabel(dutyOf(ctx, today(ctx)).leader);
