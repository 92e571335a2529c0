/**
 * A matter's status is the fold of its events (core/domain/case-state.ts), kept as a projection for
 * the lists. Every legal date anywhere comes from here: no other code counts days.
 */
import type { CoreContext } from '../kernel/context.js';
import { foldCase, type CaseStatus } from '../domain/case-state.js';
import { foldInstructions } from '../domain/instructions.js';
import { IntakeError } from '../kernel/errors.js';
import { allMatterIds, eventsOf, eventsOfMattersRegisteredBetween } from '../store/events.js';
import { writeInstructions } from '../store/instructions.js';
import { getMatter, type MatterRecord } from '../store/matters.js';
import { writeStatus } from '../store/matter-status.js';
import { counterOf } from './calendar.js';
import { factsInputOf, factsRebuilder, refreshFacts } from '../store/figures.js';
import { deriveFacts } from '../domain/figures.js';
import { backlogDays } from '../store/settings.js';
import type { JobDto } from '../domain/views/jobs.js';
import { startJob, yieldToCalls } from './jobs.js';

export function requireMatter(ctx: CoreContext, matterId: number, field = 'matterId'): MatterRecord {
  const m = getMatter(ctx.db, matterId);
  if (!m) throw new IntakeError('MATTER_NOT_FOUND', { field });
  return m;
}

/** The fold of the matter's events as they stand, without writing anything. */
export function foldMatter(ctx: CoreContext, matterId: number): CaseStatus {
  return foldCase(eventsOf(ctx.db, matterId), counterOf(ctx));
}

/** The matter's whole status: the fold of its events (the store keeps only the columns the lists query). */
export function statusOf(ctx: CoreContext, matterId: number): CaseStatus {
  return foldMatter(ctx, matterId);
}

/** The status of every matter registered in [fromIso, toIso), folded from one read of their events. */
export function statusesRegisteredBetween(ctx: CoreContext, fromIso: string, toIso: string): CaseStatus[] {
  const counter = counterOf(ctx);
  const out: CaseStatus[] = [];
  for (const events of eventsOfMattersRegisteredBetween(ctx.db, fromIso, toIso)) out.push(foldCase(events, counter));
  return out;
}

/** Folds the matter's events and rewrites its projections; an illegal sequence throws (and rolls back). */
export function refreshStatus(ctx: CoreContext, matterId: number): CaseStatus {
  const events = eventsOf(ctx.db, matterId);
  const status = foldCase(events, counterOf(ctx));
  writeStatus(ctx.db, matterId, status);
  refreshFacts(ctx.db, matterId, status, events, backlogDays(ctx.db)); // 统计研判: the figures' summary
  writeInstructions(ctx.db, matterId, foldInstructions(matterId, events)); // 领导批示: the responsible person's list
  return status;
}

/**
 * Every matter's projections rebuilt from its events in one transaction, the counts written once
 * (store/figures.ts factsRebuilder): for a database whose rows arrived without them, a county replica.
 */
export function rebuildAll(ctx: CoreContext): number {
  const ids = allMatterIds(ctx.db);
  const counter = counterOf(ctx);
  const backlog = backlogDays(ctx.db);
  ctx.db.transaction(() => {
    const facts = factsRebuilder(ctx.db);
    for (const id of ids) {
      const events = eventsOf(ctx.db, id);
      const status = foldCase(events, counter);
      writeStatus(ctx.db, id, status);
      writeInstructions(ctx.db, id, foldInstructions(id, events));
      const input = factsInputOf(ctx.db, id);
      if (input) facts.add(deriveFacts({ ...input, status, events, backlogDays: backlog }));
    }
    facts.finish();
  })();
  return ids.length;
}

/** After the day-counting setting changes every deadline moves: recompute them all, at once. */
export function refreshAll(ctx: CoreContext): number {
  const ids = allMatterIds(ctx.db);
  for (const id of ids) refreshStatus(ctx, id);
  return ids.length;
}

const REFOLD_STEP = 500;

/**
 * The same as a job: a step of matters per transaction, other calls answered between steps. Not
 * cancellable — half the deadlines counted one way and half the other would mislead the lists.
 */
export function startRefold(ctx: CoreContext, startedBy: string): JobDto {
  return startJob(ctx, { kind: 'jobs.refold', startedBy, cancellable: false }, async (job) => {
    const ids = allMatterIds(ctx.db);
    for (let i = 0; i < ids.length; i += REFOLD_STEP) {
      ctx.db.transaction(() => {
        for (const id of ids.slice(i, i + REFOLD_STEP)) refreshStatus(ctx, id);
      })();
      job.progress(Math.min(i + REFOLD_STEP, ids.length), ids.length, 'refold');
      await yieldToCalls();
    }
    return { matters: ids.length };
  });
}
