import type { MatterBrief, MatterDetail, ParsedInput, Receipt } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import type { EventType } from '../../domain/case-events.js';
import { IntakeError } from '../../kernel/errors.js';
import { addDays } from '../../domain/local-time.js';
import { appendEvent, eventMatter } from '../../store/events.js';
import { matterPersonIds, mattersOfPersons } from '../../store/matters.js';
import { batchSummary, countDue, groupOpen } from '../../store/matter-status.js';
import { getPersons } from '../../store/persons.js';
import { personsInRegistrationOrder, representativeIds } from '../../store/visits.js';
import { getProject } from '../../store/projects.js';
import { centerPhone } from '../../store/settings.js';
import { today } from '../../services/calendar.js';
import { centerName } from '../../services/center.js';
import { matterBrief, matterDetail } from '../../services/matter-view.js';
import { refreshStatus, requireMatter, statusOf } from '../../services/matter-status.js';
import { receiptCheck } from '../../services/receipts.js';
import { listMatters } from '../../services/matter-list.js';
import { startMatterExport } from '../../services/matter-export.js';
import { startNationalExport } from '../../services/national-export.js';
import { requirePermission } from '../../services/permissions.js';
import { stepPermission } from '../../domain/permissions.js';

import { SOON_DAYS } from '../../services/matter-list.js';

function checkDate(ctx: CoreContext, on: string): void {
  if (on > today(ctx)) throw new IntakeError('EVENT_IN_FUTURE', { field: 'on' });
}

/** Steps whose reason is part of the record the person is told (延期) or the supervision needs. */
const REASON_REQUIRED: readonly EventType[] = ['extend', 'overdue_reason', 'unit_return'];

function recordStep(ctx: CoreContext, input: ParsedInput<'matters.step'>, session: Session): MatterDetail {
  requirePermission(ctx, session, stepPermission(input.type));
  requireMatter(ctx, input.matterId);
  const on = input.on ?? today(ctx);
  checkDate(ctx, on);
  if (REASON_REQUIRED.includes(input.type) && input.reason.trim() === '') throw new IntakeError('REASON_REQUIRED', { field: 'reason' });
  if (input.type === 'link_project' && input.data.projectId !== null && !getProject(ctx.db, input.data.projectId)) {
    throw new IntakeError('PROJECT_NOT_FOUND', { field: 'data.projectId' });
  }
  appendEvent(ctx.db, { matterId: input.matterId, type: input.type, on, data: input.data, reason: input.reason, actor: session.user }, ctx.clock.now().toISOString());
  refreshStatus(ctx, input.matterId);
  return matterDetail(ctx, input.matterId);
}

function correctEvent(ctx: CoreContext, input: ParsedInput<'matters.correct'>, session: Session): MatterDetail {
  requirePermission(ctx, session, 'correctEvent');
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
  return matterDetail(ctx, input.matterId);
}

/** The 登记回执: its decision date is the fold's, as on the matter's page and the notices. */
function matterReceipt(ctx: CoreContext, input: { matterId: number }): Receipt {
  const m = requireMatter(ctx, input.matterId);
  const ordered = personsInRegistrationOrder(ctx.db, m.id);
  const linked = matterPersonIds(ctx.db, m.id);
  const ids = [...ordered, ...linked.filter((id) => !ordered.includes(id))];
  const byId = new Map(getPersons(ctx.db, ids).map((p) => [p.id, p.name]));
  const reps = new Set(representativeIds(ctx.db, m.id));
  const participants = ids.flatMap((id) => (byId.has(id) ? [{ name: byId.get(id)!, representative: reps.has(id) }] : []));
  const persons = participants.map((p) => p.name);
  const check = receiptCheck(ctx, m.caseNo);
  const status = statusOf(ctx, m.id);
  return {
    caseNo: m.caseNo,
    centerName: centerName(ctx),
    centerPhone: centerPhone(ctx.db),
    registeredAt: m.registeredAt,
    decisionDue: status.decisionDue,
    decisionPending: status.state === 'registered',
    persons,
    participants,
    isGroup: m.isGroup,
    category: m.category,
    purpose: m.purpose,
    visits: m.visits,
    check,
    qrText: `XF:${m.caseNo}:${check}`,
  };
}

const ofPersons = (ctx: CoreContext, input: { personIds: number[] }): MatterBrief[] =>
  mattersOfPersons(ctx.db, input.personIds).map((m) => matterBrief(ctx, m));

export const mattersHandlers: HandlersOf<'matters'> = {
  'matters.ofPersons': ofPersons,
  'matters.receipt': matterReceipt,
  'matters.get': (ctx, input) => matterDetail(ctx, input.matterId),
  'matters.step': recordStep,
  'matters.correct': correctEvent,
  'matters.list': (ctx, input) => listMatters(ctx, input),
  'matters.export': (ctx, input, session) => startMatterExport(ctx, session.user, input),
  'matters.exportNational': (ctx, input, session) => startNationalExport(ctx, session.user, input),
  'matters.counts': (ctx) => {
    const t = today(ctx);
    return countDue(ctx.db, t, addDays(t, SOON_DAYS));
  },
  'matters.groups': (ctx, input) => groupOpen(ctx.db, input.by, today(ctx)),
  'matters.batches': (ctx) => batchSummary(ctx.db).map((b) => ({ batch: b.batch, handedDown: b.handedDown, resolved: b.resolved })),
};
