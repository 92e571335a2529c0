import type { DutyDayDto, LeaderDto, ParsedInput } from '../contract/index.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import { IntakeError } from '../../kernel/errors.js';
import { leaderLabel, monthRange, rosterDays, swapDays, type RosterDay } from '../../domain/roster.js';
import { clearOverride, getLeader, insertLeader, leaderIdByName, listLeaders, overridesBetween, setOverride, updateLeader } from '../../store/roster.js';
import { today } from './lifecycle.js';

function days(ctx: CoreContext, from: string, to: string): RosterDay[] {
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

export const dutyOf = (ctx: CoreContext, date: string): RosterDay => days(ctx, date, date)[0]!;

/** "党委书记 王某", or '' when nobody is on duty today. */
export const dutyLeaderToday = (ctx: CoreContext): string => leaderLabel(dutyOf(ctx, today(ctx)).leader);

export const leadersList = (ctx: CoreContext): LeaderDto[] => listLeaders(ctx.db);

export function leadersSave(ctx: CoreContext, input: ParsedInput<'leaders.save'>): LeaderDto[] {
  const at = ctx.clock.now().toISOString();
  const sameName = leaderIdByName(ctx.db, input.name);
  if (sameName !== null && sameName !== input.id) throw new IntakeError('LEADER_DUPLICATE', { field: 'name' });
  if (input.id === undefined) {
    insertLeader(ctx.db, { name: input.name, title: input.title, role: input.role, active: input.active, sortOrder: input.sortOrder }, at);
  } else {
    const old = getLeader(ctx.db, input.id);
    if (!old) throw new IntakeError('LEADER_NOT_FOUND', { field: 'id' });
    updateLeader(ctx.db, { ...old, name: input.name, title: input.title, role: input.role, active: input.active, sortOrder: input.sortOrder ?? old.sortOrder }, at);
  }
  return listLeaders(ctx.db);
}

export function rosterMonth(ctx: CoreContext, input: { month: string }): DutyDayDto[] {
  const { from, to } = monthRange(input.month);
  return days(ctx, from, to).map(dutyDto);
}

export const rosterToday = (ctx: CoreContext): DutyDayDto => dutyDto(dutyOf(ctx, today(ctx)));

export function rosterSet(ctx: CoreContext, input: ParsedInput<'roster.set'>, session: Session): DutyDayDto {
  if (input.leaderId !== null && !getLeader(ctx.db, input.leaderId)) throw new IntakeError('LEADER_NOT_FOUND', { field: 'leaderId' });
  setOverride(ctx.db, { date: input.date, leaderId: input.leaderId, note: input.note }, session.user, ctx.clock.now().toISOString());
  return dutyDto(dutyOf(ctx, input.date));
}

export function rosterClear(ctx: CoreContext, input: { date: string }): DutyDayDto {
  clearOverride(ctx.db, input.date);
  return dutyDto(dutyOf(ctx, input.date));
}

export function rosterSwap(ctx: CoreContext, input: ParsedInput<'roster.swap'>, session: Session): DutyDayDto[] {
  const at = ctx.clock.now().toISOString();
  for (const o of swapDays(dutyOf(ctx, input.a), dutyOf(ctx, input.b), input.note)) setOverride(ctx.db, o, session.user, at);
  return [dutyDto(dutyOf(ctx, input.a)), dutyDto(dutyOf(ctx, input.b))];
}
