/** The 信访事项 list: one query for the page and for its export (core/services/matter-export.ts). */
import type { CoreContext } from '../kernel/context.js';
import type { MatterRowDto } from '../domain/views/matter.js';
import { STATE_LABELS, type CaseState } from '../domain/case-state.js';
import { classifyMatterQuery } from '../domain/matter-query.js';
import { daysLeft } from '../domain/deadlines.js';
import { addDays } from '../domain/local-time.js';
import { listMatterRows, type MatterFilter } from '../store/matter-status.js';
import { today } from './calendar.js';
import { evaluationDays } from '../store/settings.js';

/** "Due soon" is the next three days, as the supervision practice looks ahead. */
export const SOON_DAYS = 3;

export interface MatterListFilter extends Omit<MatterFilter, 'query' | 'fromIso' | 'toIso' | 'today' | 'soon' | 'evaluation'> {
  q?: string;
  /** 待评价 (replied, not evaluated, in the window) or 超期未评价 (the window over). */
  evaluation?: '待评价' | '超期未评价';
  from?: string;
  to?: string;
}

export function listMatters(ctx: CoreContext, input: MatterListFilter): MatterRowDto[] {
  const t = today(ctx);
  const { q, from, to, evaluation, ...rest } = input;
  const query = q ? classifyMatterQuery(q) : undefined;
  // Something typed that is neither a case number, an ID tail nor a name finds nothing, rather than everything.
  if (query?.kind === 'none') return [];
  const startOf = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
  return listMatterRows(ctx.db, {
    ...rest,
    query,
    fromIso: from ? startOf(from) : undefined,
    toIso: to ? startOf(addDays(to, 1)) : undefined,
    // 超期未评价 once today is past reply + days, i.e. the reply was before today − days.
    evaluation: evaluation ? { awaiting: evaluation === '待评价' ? 'inWindow' : 'expired', since: addDays(t, -evaluationDays(ctx.db)) } : undefined,
    today: t,
    soon: addDays(t, SOON_DAYS),
  }).map((r) => ({
    id: r.id,
    caseNo: r.caseNo,
    channel: r.channel,
    sourceBody: r.sourceBody,
    sourceNo: r.sourceNo,
    category: r.category,
    request: r.request,
    persons: r.persons ?? '',
    registeredAt: r.registeredAt,
    state: r.state,
    stateLabel: STATE_LABELS[r.state as CaseState],
    nextDue: r.nextDue,
    nextDueKind: r.nextDueKind as MatterRowDto['nextDueKind'],
    daysLeft: r.nextDue ? daysLeft(t, r.nextDue) : null,
    overdue: r.nextDue !== null && r.nextDue < t,
    unit: r.unit,
    handler: r.handler,
    leader: r.leader,
    assignKind: r.assignKind,
  }));
}

