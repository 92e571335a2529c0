import type { MatterRowDto, ParsedInput } from '../contract/index.js';
import type { CoreContext } from '../../kernel/context.js';
import { STATE_LABELS, type CaseState } from '../../domain/case-state.js';
import { daysLeft } from '../../domain/deadlines.js';
import { addDays } from '../../domain/local-time.js';
import { batchSummary, countDue, groupOpen, listMatterRows } from '../../store/matter-status.js';
import { today } from './lifecycle.js';

/** "Due soon" is the next three days, as the supervision practice looks ahead. */
export const SOON_DAYS = 3;

export function listMatters(ctx: CoreContext, input: ParsedInput<'matters.list'>): MatterRowDto[] {
  const t = today(ctx);
  return listMatterRows(ctx.db, { ...input, today: t, soon: addDays(t, SOON_DAYS) }).map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    category: r.category,
    request: r.request,
    persons: r.persons ?? '',
    registeredAt: r.registered_at,
    state: r.state,
    stateLabel: STATE_LABELS[r.state as CaseState],
    nextDue: r.next_due,
    nextDueKind: r.next_due_kind as MatterRowDto['nextDueKind'],
    daysLeft: r.next_due ? daysLeft(t, r.next_due) : null,
    overdue: r.next_due !== null && r.next_due < t,
    unit: r.unit,
    handler: r.handler,
    leader: r.leader,
    assignKind: r.assign_kind,
  }));
}

export function matterCounts(ctx: CoreContext): { overdue: number; dueSoon: number } {
  const t = today(ctx);
  return countDue(ctx.db, t, addDays(t, SOON_DAYS));
}

export function matterGroups(ctx: CoreContext, input: { by: 'unit' | 'handler' }) {
  return groupOpen(ctx.db, input.by, today(ctx));
}

export function matterBatches(ctx: CoreContext) {
  return batchSummary(ctx.db).map((b) => ({ batch: b.batch, handedDown: b.handed_down, resolved: b.resolved }));
}
