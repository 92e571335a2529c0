import type { MatterDetail, ParsedInput } from '../contract/index.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import { EVENT_LABELS, type EventType } from '../../domain/case-events.js';
import { allowedSteps, foldCase, isOverdue, STATE_LABELS, type CaseStatus } from '../../domain/case-state.js';
import { dayCounter, daysLeft, type DayCounter, type DayMode } from '../../domain/deadlines.js';
import { IntakeError } from '../../kernel/errors.js';
import { localDate } from '../../domain/local-time.js';
import { attachmentsOf } from '../../store/attachments.js';
import { allMatterIds, appendEvent, eventMatter, eventsOf } from '../../store/events.js';
import { getMatter, levelSkipsOf, matterPersonIds } from '../../store/matters.js';
import { writeStatus } from '../../store/matter-status.js';
import { writeInstructions } from '../../store/instructions.js';
import { foldInstructions } from '../../domain/instructions.js';
import { getSetting } from '../../store/settings.js';
import { visitsOf } from '../../store/visits.js';
import { getProject } from '../../store/projects.js';
import { personHits } from './persons.js';
import { matterBrief } from './registration.js';

export const DAY_MODE = 'deadlines.day_mode';

export function counterOf(ctx: CoreContext): DayCounter {
  return dayCounter((getSetting(ctx.db, DAY_MODE) as DayMode | null) ?? 'calendar');
}

export const today = (ctx: CoreContext): string => localDate(ctx.clock.now());

/** Folds the matter's events and rewrites its projection; an illegal sequence throws (and rolls back). */
export function refreshStatus(ctx: CoreContext, matterId: number): CaseStatus {
  const events = eventsOf(ctx.db, matterId);
  const status = foldCase(events, counterOf(ctx));
  writeStatus(ctx.db, matterId, status);
  writeInstructions(ctx.db, matterId, foldInstructions(matterId, events)); // 领导批示: the responsible person's list
  return status;
}

/** After the day-counting setting changes every deadline moves: recompute them all. */
export function refreshAll(ctx: CoreContext): number {
  const ids = allMatterIds(ctx.db);
  for (const id of ids) refreshStatus(ctx, id);
  return ids.length;
}

function requireMatter(ctx: CoreContext, matterId: number) {
  const m = getMatter(ctx.db, matterId);
  if (!m) throw new IntakeError('MATTER_NOT_FOUND', { field: 'matterId' });
  return m;
}

function checkDate(ctx: CoreContext, on: string): void {
  if (on > today(ctx)) throw new IntakeError('EVENT_IN_FUTURE', { field: 'on' });
}

/** Steps whose reason is part of the record the person is told (延期) or the supervision needs. */
const REASON_REQUIRED: readonly EventType[] = ['extend', 'overdue_reason'];

export function recordStep(ctx: CoreContext, input: ParsedInput<'matters.step'>, session: Session): MatterDetail {
  requireMatter(ctx, input.matterId);
  const on = input.on ?? today(ctx);
  checkDate(ctx, on);
  if (REASON_REQUIRED.includes(input.type) && input.reason.trim() === '') throw new IntakeError('REASON_REQUIRED', { field: 'reason' });
  if (input.type === 'link_project' && input.data.projectId !== null && !getProject(ctx.db, input.data.projectId)) {
    throw new IntakeError('PROJECT_NOT_FOUND', { field: 'data.projectId' });
  }
  appendEvent(ctx.db, { matterId: input.matterId, type: input.type, on, data: input.data, reason: input.reason, actor: session.user }, ctx.clock.now().toISOString());
  refreshStatus(ctx, input.matterId);
  return matterDetail(ctx, { matterId: input.matterId });
}

export function correctEvent(ctx: CoreContext, input: ParsedInput<'matters.correct'>, session: Session): MatterDetail {
  requireMatter(ctx, input.matterId);
  if (eventMatter(ctx.db, input.eventId) !== input.matterId) throw new IntakeError('EVENT_NOT_CORRECTABLE', { field: 'eventId' });
  if (input.on) checkDate(ctx, input.on);
  appendEvent(
    ctx.db,
    {
      matterId: input.matterId,
      type: 'correct',
      on: today(ctx),
      data: { ...(input.on ? { on: input.on } : {}), ...(input.data ? { data: input.data } : {}), ...(input.void ? { void: true } : {}) },
      reason: input.reason,
      actor: session.user,
      corrects: input.eventId,
    },
    ctx.clock.now().toISOString(),
  );
  refreshStatus(ctx, input.matterId);
  return matterDetail(ctx, { matterId: input.matterId });
}

export function matterDetail(ctx: CoreContext, input: { matterId: number }): MatterDetail {
  const m = requireMatter(ctx, input.matterId);
  const events = eventsOf(ctx.db, m.id);
  const status = foldCase(events, counterOf(ctx));
  const corrected = new Map(events.filter((e) => e.type === 'correct').map((e) => [e.corrects, e]));
  const t = today(ctx);
  return {
    matter: { ...matterBrief(ctx, m), facts: m.facts, channel: m.channel, levelSkips: levelSkipsOf(ctx.db, m.id).map((s) => ({ level: s.level, visitedOn: s.visited_on })) },
    persons: personHits(ctx, matterPersonIds(ctx.db, m.id)),
    status,
    stateLabel: STATE_LABELS[status.state],
    overdue: isOverdue(status, t),
    daysLeft: status.nextDue ? daysLeft(t, status.nextDue) : null,
    dayMode: counterOf(ctx).mode,
    allowed: allowedSteps(status),
    events: events.map((e) => {
      const fix = corrected.get(e.id);
      return {
        id: e.id,
        type: e.type,
        label: EVENT_LABELS[e.type],
        on: e.on,
        data: e.data as Record<string, unknown>,
        reason: e.reason,
        actor: e.actor,
        recordedAt: e.recordedAt,
        corrects: e.corrects,
        correctedBy: fix ? fix.id : null,
      };
    }),
    visits: visitsOf(ctx.db, m.id).map((v) => ({
      id: v.id,
      visitedAt: v.visited_at,
      channel: v.channel,
      headcount: v.headcount,
      isRepeat: v.is_repeat === 1,
      persons: v.persons ?? '',
    })),
    attachments: attachmentsOf(ctx.db, m.id).map((a) => ({ id: a.id, fileName: a.file_name, size: a.size, sha256: a.sha256 })),
  };
}
