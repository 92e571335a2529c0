/** 今日接访: the day's visitors as the duty leader's queue shows them. */
import type { QueueItemDto } from '../domain/views/queue.js';
import type { CoreContext } from '../kernel/context.js';
import { STATE_LABELS, type CaseState } from '../domain/case-state.js';
import { GROUP_THRESHOLD, SKIP_LEVELS, type SkipLevel } from '../domain/categories.js';
import { IntakeError } from '../kernel/errors.js';
import { defaultDueDate } from '../domain/instructions.js';
import { addDays, localDate } from '../domain/local-time.js';
import { instructionsOfMatters } from '../store/instructions.js';
import {
  personsOfVisits,
  visitMatter,
  visitsBetween,
  type QueueRow,
} from '../store/receptions.js';
import { instructionDto } from './instruction-view.js';
import { today } from './calendar.js';
import { instructionDueDays } from '../store/settings.js';

/** A Beijing day as an instant range [from, to). */
export function dayRange(date: string): [string, string] {
  const at = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
  return [at(date), at(addDays(date, 1))];
}

const minutesBetween = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 60_000));

export function queueItems(ctx: CoreContext, rows: QueueRow[], positions: Map<number, number>): QueueItemDto[] {
  const now = ctx.clock.now().toISOString();
  const t = today(ctx);
  const dueDays = instructionDueDays(ctx.db);
  const persons = personsOfVisits(
    ctx.db,
    rows.map((r) => r.visitId),
  );
  const instructions = instructionsOfMatters(ctx.db, [...new Set(rows.map((r) => r.matterId))]);
  return rows.map((r) => ({
    visitId: r.visitId,
    matterId: r.matterId,
    position: positions.get(r.visitId) ?? 0,
    caseNo: r.caseNo,
    arrivedAt: r.visitedAt,
    persons: persons.filter((p) => p.visitId === r.visitId).map((p) => ({ id: p.personId, name: p.name, representative: p.role === 'representative' })),
    headcount: r.headcount,
    category: r.category,
    purpose: r.purpose,
    tags: r.tags,
    request: r.request,
    visitNo: r.visitNo,
    isRepeat: r.isRepeat || r.visitNo > 1,
    isGroup: r.isGroup || r.headcount >= GROUP_THRESHOLD,
    levelSkips: r.skips.map((l) => SKIP_LEVELS[l as SkipLevel] ?? l),
    status: r.status ?? 'waiting',
    minutesWaiting: minutesBetween(r.visitedAt, r.startedAt ?? now),
    leader: r.leader,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    heard: r.heard ?? '',
    answered: r.answered ?? '',
    stateLabel: r.state ? STATE_LABELS[r.state as CaseState] : '',
    defaultDue: defaultDueDate({ nextDue: r.nextDue, handleDue: r.handleDue }, t, dueDays),
    instructions: instructions.filter((i) => i.matterId === r.matterId).map((i) => instructionDto(i, t)),
  }));
}

/** One visit as the queue shows it, with its place in that day's queue. */
export function queueItem(ctx: CoreContext, visitId: number): QueueItemDto {
  const v = visitMatter(ctx.db, visitId);
  if (!v) throw new IntakeError('VISIT_NOT_FOUND', { field: 'visitId' });
  const rows = visitsBetween(ctx.db, ...dayRange(localDate(new Date(v.visitedAt))));
  const i = rows.findIndex((r) => r.visitId === visitId);
  // Letters, calls and web petitions are not in the queue: only a visitor is received.
  if (i < 0) throw new IntakeError('VISIT_NOT_FOUND', { field: 'visitId' });
  return queueItems(ctx, [rows[i]!], new Map([[visitId, i + 1]]))[0]!;
}

