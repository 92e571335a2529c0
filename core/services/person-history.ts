import type { HistoryItemDto, PersonHistoryDto } from '../domain/views/person-history.js';
import type { CoreContext } from '../kernel/context.js';
import type { Session } from '../kernel/session.js';
import { EVENT_LABELS, REDIRECTS, type EventData, type EventType } from '../domain/case-events.js';
import { effectiveEvents, STATE_LABELS } from '../domain/case-state.js';
import { IntakeError } from '../kernel/errors.js';
import { isInstructionOverdue } from '../domain/instructions.js';
import { localDate } from '../domain/local-time.js';
import { maskPhone } from '../domain/masking.js';
import { eventsOf, type StoredEvent } from '../store/events.js';
import { instructionsOfMatters } from '../store/instructions.js';
import { mattersOfPersons } from '../store/matters.js';
import { readState } from '../store/matter-status.js';
import { personSecrets, visitsOfPerson } from '../store/person-history.js';
import { revealsSince, revealTallies } from '../store/audit.js';
import type { RevealAlerts } from '../domain/views/audit.js';
import { revealsPerHour } from '../store/settings.js';
import { getPersons } from '../store/persons.js';
import { receptionsOf } from '../store/receptions.js';
import { today } from './calendar.js';
import { personHits } from './person-view.js';
import { matterBrief } from './matter-view.js';

/** The written notice each step produces (the desk prints it from the matter's page). */
const NOTICES: Partial<Record<EventType, string>> = { accept: '受理告知书', reject: '不予受理告知书', extend: '延期告知书' };

function eventText(e: StoredEvent): string {
  const d = e.data as Record<string, unknown>;
  switch (e.type) {
    case 'reject': {
      const r = e.data as EventData['reject'];
      return `应通过${REDIRECTS[r.redirect] ?? ''}解决，告知向${r.body}提出${e.reason ? `；${e.reason}` : ''}`;
    }
    case 'extend': {
      const x = e.data as EventData['extend'];
      return `延长 ${x.days} 日，批准人 ${x.approver}；${e.reason}`;
    }
    case 'reply': {
      const x = e.data as EventData['reply'];
      return `${x.decision}（依据：${x.basis}）`;
    }
    case 'instruction': {
      const x = e.data as EventData['instruction'];
      return `${x.text}（责任：${x.responsible}；期限：${x.dueDate}；${x.leader}）`;
    }
    case 'instruction_note':
    case 'instruction_done':
      return (e.data as EventData['instruction_note']).note;
    default:
      return [...Object.values(d).filter((v): v is string => typeof v === 'string' && v !== ''), e.reason].filter(Boolean).join('；');
  }
}

function kindOf(type: EventType): HistoryItemDto['kind'] {
  if (type === 'register') return 'matter';
  if (type === 'reply') return 'reply';
  if (type.startsWith('instruction')) return 'instruction';
  if (NOTICES[type]) return 'notice';
  return 'step';
}

/**
 * Everything the township knows about one person on one screen: every visit (with what the leader heard
 * and answered), every matter and every step of it — instructions, replies, notices — newest first.
 * ID and phones stay masked; `persons.reveal` shows them, audited.
 */
export function personHistory(ctx: CoreContext, input: { personId: number }): PersonHistoryDto {
  const row = getPersons(ctx.db, [input.personId])[0];
  if (!row) throw new IntakeError('PERSON_NOT_FOUND', { field: 'personId' });
  const hit = personHits(ctx, [input.personId])[0]!;
  const matters = mattersOfPersons(ctx.db, [input.personId]);
  const t = today(ctx);
  const instructions = new Map(instructionsOfMatters(ctx.db, matters.map((m) => m.id)).map((i) => [i.id, i]));
  const items: HistoryItemDto[] = [];
  /** Same day and moment: the later event first, a visit before nothing (it comes first in life). */
  const seq = new Map<HistoryItemDto, number>();
  const receptionEvents = new Map<number, EventData['reception']>();

  for (const m of matters) {
    for (const e of effectiveEvents(eventsOf(ctx.db, m.id)) as StoredEvent[]) {
      if (e.type === 'reception') {
        // Shown on the visit it belongs to, not twice.
        const r = e.data as EventData['reception'];
        receptionEvents.set(r.visitId, r);
        continue;
      }
      const instructionId = e.type === 'instruction' ? e.id : e.type.startsWith('instruction_') ? (e.data as EventData['instruction_note']).instructionId : null;
      const state = e.type === 'instruction' ? instructions.get(e.id) : undefined;
      const item: HistoryItemDto = {
        on: e.on,
        at: e.recordedAt,
        kind: kindOf(e.type),
        title: e.type === 'register' ? '登记信访事项' : NOTICES[e.type] ? `${EVENT_LABELS[e.type]} · ${NOTICES[e.type]}` : EVENT_LABELS[e.type],
        text: e.type === 'register' ? `${m.category}：${m.request}` : eventText(e),
        matterId: m.id,
        caseNo: m.caseNo,
        visitId: null,
        instructionId,
        badge: state ? (state.doneOn ? '已办结' : isInstructionOverdue(state, t) ? '已超期' : '办理中') : null,
      };
      items.push(item);
      seq.set(item, e.id);
    }
  }

  const visits = visitsOfPerson(ctx.db, input.personId);
  const receptions = new Map(receptionsOf(ctx.db, visits.map((v) => v.id)).map((r) => [r.visitId, r]));
  for (const v of visits) {
    const rec = receptionEvents.get(v.id) ?? receptions.get(v.id);
    const received = rec
      ? [`${rec.leader}接待`, rec.heard && `听取：${rec.heard}`, rec.answered && `答复：${rec.answered}`].filter(Boolean).join('；')
      : '';
    items.push({
      on: localDate(new Date(v.visitedAt)),
      at: v.visitedAt,
      kind: 'visit',
      title: `来访（${v.channel}${v.headcount > 1 ? `，${v.headcount} 人` : ''}${v.role === 'representative' ? '，代表' : ''}）${v.isRepeat ? ' · 重复访' : ''}`,
      text: received,
      matterId: v.matterId,
      caseNo: v.caseNo,
      visitId: v.id,
      instructionId: null,
      badge: null,
    });
  }

  items.sort((a, b) => b.on.localeCompare(a.on) || b.at.localeCompare(a.at) || (seq.get(b) ?? 0) - (seq.get(a) ?? 0));
  return {
    person: {
      ...hit,
      birthDate: row.birthDate,
      address: row.address,
      noIdReason: row.noIdReason,
      phonesMasked: row.phones.map(maskPhone),
    },
    matters: matters.map((m) => {
      const state = readState(ctx.db, m.id);
      return { ...matterBrief(ctx, m), stateLabel: state ? STATE_LABELS[state] : '' };
    }),
    items,
  };
}

/** The method whose audit entries are reveals (the contract's name for it). */
export const REVEAL_METHOD = 'persons.reveal';

/** The audit screen's 提醒: who hit the hourly limit, or revealed at least that many in one day, in the last `days` days. */
export function revealAlerts(ctx: CoreContext, days = 30): RevealAlerts {
  const perHour = revealsPerHour(ctx.db);
  const since = new Date(ctx.clock.now().getTime() - days * 86_400_000).toISOString();
  const users = revealTallies(ctx.db, REVEAL_METHOD, 'REVEAL_LIMIT', since)
    .filter((t) => t.refused > 0 || t.busiestDayReveals >= perHour)
    .map((t) => ({ ...t, why: t.refused > 0 ? ('limit' as const) : ('many' as const) }));
  return { perHour, days, users };
}

/**
 * The full ID number and phones of one person. Declared with kind 'reveal' in the contract, so the
 * dispatcher writes an audit entry (who, when, person:N, the stated reason; never the values) in the
 * same transaction. One user may reveal at most `revealsPerHour` (settings) in any hour, counted
 * from the audit trail itself; beyond it the call is refused, and the refusal, audited as
 * REVEAL_LIMIT, puts the user on the audit screen's 提醒 list.
 */
export function personReveal(ctx: CoreContext, input: { personId: number; reason: string }, session: Session): { personId: number; idNumber: string | null; phones: string[] } {
  const hourAgo = new Date(ctx.clock.now().getTime() - 3_600_000).toISOString();
  const limit = revealsPerHour(ctx.db);
  if (revealsSince(ctx.db, session.user, REVEAL_METHOD, hourAgo) >= limit) {
    throw new IntakeError('REVEAL_LIMIT', { message_zh: `一小时内最多查看 ${limit} 次完整证件号或电话，已达上限，请稍后再试；本次已记入审计日志，管理员会看到提醒` });
  }
  const s = personSecrets(ctx.db, input.personId);
  if (!s) throw new IntakeError('PERSON_NOT_FOUND', { field: 'personId' });
  // audit: reveal — recorded by dispatch() for every kind:'reveal' method (core/store/audit.ts appendAudit).
  return { personId: input.personId, ...s };
}
