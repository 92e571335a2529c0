/** A matter as lists and its page show it: the brief everywhere, the detail with its whole record. */
import type { CoreContext } from '../kernel/context.js';
import type { MatterBrief, MatterDetail } from '../domain/views/matter.js';
import { EVENT_LABELS } from '../domain/case-events.js';
import { allowedSteps, foldCase, isOverdue, STATE_LABELS, loopMarks, type CaseStatus } from '../domain/case-state.js';
import { daysLeft } from '../domain/deadlines.js';
import { attachmentsOf } from '../store/attachments.js';
import { eventsOf } from '../store/events.js';
import { levelSkipsOf, matterPersonIds, type MatterRecord } from '../store/matters.js';
import { caseNoOf, recordFieldsOf } from '../store/matter-record.js';
import { readFacts } from '../store/figures.js';
import { isBacklog, isRepeat, NO_RECORD_FIELDS } from '../domain/national-record.js';
import { evaluationDue, evaluationState, reviewOffer } from '../domain/evaluation.js';
import { evaluationDays } from '../store/settings.js';
import { representativeIds, visitsOf } from '../store/visits.js';
import { counterOf, today } from './calendar.js';
import { requireMatter, statusOf } from './matter-status.js';
import { personHits } from './person-view.js';

export function matterBrief(ctx: CoreContext, m: MatterRecord): MatterBrief {
  return {
    id: m.id,
    caseNo: m.caseNo,
    category: m.category,
    purpose: m.purpose,
    tags: m.tags,
    request: m.request,
    registeredAt: m.registeredAt,
    visits: m.visits,
    isGroup: m.isGroup,
    personIds: matterPersonIds(ctx.db, m.id),
    ...standing(ctx, m.id),
  };
}

/** A matter's state as the repeat panel needs it: closed or not, and whether 复查 is still open. */
function standing(ctx: CoreContext, matterId: number): Pick<MatterBrief, 'state' | 'stateLabel' | 'handlingClosed' | 'reviewBy' | 'final'> {
  const s = statusOf(ctx, matterId);
  const canReview = (s.state === 'replied' || s.state === 'closed') && s.reviewRequestBy !== null && today(ctx) <= s.reviewRequestBy;
  return {
    state: s.state,
    stateLabel: STATE_LABELS[s.state],
    handlingClosed: s.handlingClosed || s.state === 'replied',
    reviewBy: canReview ? s.reviewRequestBy : null,
    final: s.state === 'final',
  };
}

function evaluationOf(s: CaseStatus, t: string, days: number): MatterDetail['evaluation'] {
  return { state: evaluationState(s, t, days), due: s.repliedOn ? evaluationDue(s.repliedOn, days) : null, days, reviewOfferBy: reviewOffer(s, t) };
}

/** The national record's fields of a matter, stated and computed (core/domain/national-record.ts). */
function recordOf(ctx: CoreContext, matterId: number, t: string): MatterDetail['record'] {
  const r = recordFieldsOf(ctx.db, matterId) ?? { ...NO_RECORD_FIELDS, receivedOn: null, sourceBody: '', sourceNo: '' };
  const f = readFacts(ctx.db, matterId);
  const repeatVisits = f?.repeatVisits ?? 0;
  return {
    ...r,
    repeatOfCaseNo: r.repeatOf === null ? null : caseNoOf(ctx.db, r.repeatOf),
    firstAtCenter: f?.firstAtCenter ?? false,
    repeat: isRepeat({ record: r, repeatVisits }),
    backlog: isBacklog(f?.backlogOn ?? null, t),
  };
}

export function matterDetail(ctx: CoreContext, matterId: number): MatterDetail {
  const m = requireMatter(ctx, matterId);
  const events = eventsOf(ctx.db, m.id);
  const counter = counterOf(ctx);
  const status = foldCase(events, counter);
  const corrected = new Map(events.filter((e) => e.type === 'correct').map((e) => [e.corrects, e]));
  const t = today(ctx);
  return {
    matter: { ...matterBrief(ctx, m), facts: m.facts, channel: m.channel, levelSkips: levelSkipsOf(ctx.db, m.id) },
    record: recordOf(ctx, m.id, t),
    persons: personHits(ctx, matterPersonIds(ctx.db, m.id)),
    status,
    stateLabel: STATE_LABELS[status.state],
    evaluation: evaluationOf(status, t, evaluationDays(ctx.db)),
    overdue: isOverdue(status, t),
    loopMarks: status.loop ? loopMarks(status.loop, t) : null,
    daysLeft: status.nextDue ? daysLeft(t, status.nextDue) : null,
    dayMode: counter.mode,
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
      visitedAt: v.visitedAt,
      channel: v.channel,
      headcount: v.headcount,
      isRepeat: v.isRepeat,
      persons: v.persons ?? '',
      representatives: v.representatives,
    })),
    representativeIds: representativeIds(ctx.db, m.id),
    attachments: attachmentsOf(ctx.db, m.id).map((a) => ({ id: a.id, fileName: a.fileName, mime: a.mime, size: a.size, sha256: a.sha256 })),
  };
}
