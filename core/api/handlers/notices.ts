import templates from '../../../resources/notices/templates.json' with { type: 'json' };
import type { NoticeDto } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { REDIRECTS, type EventData } from '../../domain/case-events.js';
import { IntakeError } from '../../kernel/errors.js';
import { localDate } from '../../domain/local-time.js';
import { eventsOf } from '../../store/events.js';
import { centerPhone } from '../../store/settings.js';
import { effectiveEvents } from '../../domain/case-state.js';
import { today } from '../../services/calendar.js';
import { centerName } from '../../services/center.js';
import { matterDetail } from '../../services/matter-view.js';

type Kind = NoticeDto['kind'];
/** The event a notice reports: no such event yet, no notice. */
const SOURCE: Record<Kind, 'accept' | 'reject' | 'extend' | 'reply'> = { accept: 'accept', reject: 'reject', extend: 'extend', reply: 'reply' };

const zh = (date: string | null | undefined) => (date ? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '');

/** Fills a notice template from resources/notices with the matter's facts. */
function renderNotice(ctx: CoreContext, input: { matterId: number; kind: Kind }): NoticeDto {
  const d = matterDetail(ctx, input.matterId);
  const event = effectiveEvents(eventsOf(ctx.db, input.matterId)).findLast((e) => e.type === SOURCE[input.kind]);
  if (!event) throw new IntakeError('NOTICE_NOT_READY', { field: 'kind' });
  const s = d.status;
  const reject = event.type === 'reject' ? (event.data as EventData['reject']) : null;
  const reply = event.type === 'reply' ? (event.data as EventData['reply']) : null;
  const values: Record<string, string> = {
    persons: d.persons.map((p) => p.name).join('、'),
    caseNo: d.matter.caseNo,
    registeredDate: zh(localDate(new Date(d.matter.registeredAt))),
    acceptedDate: zh(s.acceptedOn),
    // The acceptance notice states the period as it stood then; a later extension has its own notice.
    handleDue: zh(input.kind === 'accept' ? s.handleDueBase : s.handleDue),
    extensionDays: String(s.extension?.days ?? ''),
    approver: s.extension?.approver ?? '',
    reason: event.reason,
    redirect: reject ? REDIRECTS[reject.redirect].replace(/（.*）/, '') : '',
    redirectBody: reject?.body ?? '',
    facts: reply?.facts ?? '',
    basis: reply?.basis ?? '',
    decision: reply?.decision ?? '',
    phone: centerPhone(ctx.db) || '＿＿＿＿＿＿',
  };
  const t = templates[input.kind];
  return {
    kind: input.kind,
    title: t.title,
    paragraphs: t.body.map((line) => line.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '')),
    caseNo: d.matter.caseNo,
    centerName: centerName(ctx),
    date: zh(event.on > today(ctx) ? today(ctx) : event.on),
  };
}

export const noticesHandlers: HandlersOf<'notices'> = {
  'notices.render': renderNotice,
};
