/**
 * Notices as official documents: filled from the templates (resources/notices, or the center's
 * rewording), numbered in the register when issued (core/store/notices.ts), served with a 送达回证
 * recorded as a `serve` event on the matter. Every date comes from the matter's one fold.
 */
import shipped from '../../resources/notices/templates.json' with { type: 'json' };
import type { CoreContext } from '../kernel/context.js';
import type { Session } from '../kernel/session.js';
import { IntakeError } from '../kernel/errors.js';
import { REDIRECTS, type CaseEvent, type EventData } from '../domain/case-events.js';
import { effectiveEvents } from '../domain/case-state.js';
import { PERIODS } from '../domain/deadlines.js';
import { localDate } from '../domain/local-time.js';
import {
  NOTICE_KINDS, NOTICE_LABELS, NOTICE_SOURCE, addressee, defaultPrefix, fillTemplate, formatDocNo, strayBraces, unknownPlaceholders, validPrefix, zhDate,
  type NoticeKind, type NoticeTemplate, type ServiceMethod, type ServiceResult,
} from '../domain/notices.js';
import type { NoticeDto, NoticeEntry, NoticeSettings, ServiceSheetDto } from '../domain/views/notices.js';
import { appendEvent, eventsOf } from '../store/events.js';
import { getNotice, issueNotice, noticesOfMatter, voidNotice, type NoticeRecord } from '../store/notices.js';
import { centerPhone, centerTownship, noticeBasis, noticePrefixes, noticeTemplates, reviewBody, writeSetting } from '../store/settings.js';
import { getTownship } from '../store/townships.js';
import { COUNTY } from '../store/reference-data.js';
import { today } from './calendar.js';
import { centerName } from './center.js';
import { matterDetail } from './matter-view.js';
import { requireMatter } from './matter-status.js';

/** Until a center has checked an article against the official text, the regulation is named without one. */
export const DEFAULT_BASIS = '《信访工作条例》';

const SHIPPED = shipped as unknown as Record<NoticeKind, NoticeTemplate>;

function townshipName(ctx: CoreContext): string {
  const code = centerTownship(ctx.db);
  const t = code ? getTownship(ctx.db, code) : null;
  if (!t) throw new IntakeError('TOWNSHIP_NOT_SET', { field: 'township' });
  return t.name;
}

/** 舒城县张母桥镇人民政府: notices go out in the township government's name. */
export const issuerName = (ctx: CoreContext): string => `${COUNTY.name}${townshipName(ctx)}人民政府`;

export function noticeSettings(ctx: CoreContext): NoticeSettings {
  const name = townshipName(ctx);
  const prefixes = noticePrefixes(ctx.db);
  const basis = noticeBasis(ctx.db);
  const own = noticeTemplates(ctx.db);
  const each = <T>(f: (k: NoticeKind) => T) => Object.fromEntries(NOTICE_KINDS.map((k) => [k, f(k)])) as Record<NoticeKind, T>;
  return {
    reviewBody: reviewBody(ctx.db),
    prefixes: each((k) => prefixes[k] || defaultPrefix(name, k)),
    basis: each((k) => basis[k] || DEFAULT_BASIS),
    templates: each((k) => own[k] ?? SHIPPED[k]),
    reworded: NOTICE_KINDS.filter((k) => own[k]),
    kinds: NOTICE_KINDS.map((kind) => ({ kind, label: NOTICE_LABELS[kind], source: NOTICE_SOURCE[kind] })),
  };
}

export interface NoticeSettingsChange {
  reviewBody?: string;
  prefixes?: Partial<Record<NoticeKind, string>>;
  basis?: Partial<Record<NoticeKind, string>>;
  /** A rewording per kind; null puts the shipped text back. */
  templates?: Partial<Record<NoticeKind, NoticeTemplate | null>>;
}

/** Validates everything first, then stores: a refused template leaves every setting as it was. */
export function configureNotices(ctx: CoreContext, input: NoticeSettingsChange): NoticeSettings {
  for (const [k, p] of Object.entries(input.prefixes ?? {})) {
    if (p && !validPrefix(p)) throw new IntakeError('NOTICE_PREFIX_INVALID', { field: `prefixes.${k}` });
  }
  for (const [k, t] of Object.entries(input.templates ?? {}) as [NoticeKind, NoticeTemplate | null][]) {
    if (!t) continue;
    const unknown = unknownPlaceholders(k, t);
    if (unknown.length) throw new IntakeError('NOTICE_TEMPLATE_INVALID', { field: `templates.${k}`, message_zh: `模板中有未知的占位符：${unknown.map((u) => `{${u}}`).join('、')}`, detail: `unknown placeholders in ${k}` });
    if (strayBraces(t)) throw new IntakeError('NOTICE_TEMPLATE_INVALID', { field: `templates.${k}`, message_zh: '模板中有不成对的花括号', detail: `stray braces in ${k}` });
  }
  if (input.reviewBody !== undefined) writeSetting(ctx.db, 'reviewBody', input.reviewBody.trim());
  if (input.prefixes) writeSetting(ctx.db, 'noticePrefixes', { ...noticePrefixes(ctx.db), ...input.prefixes });
  if (input.basis) writeSetting(ctx.db, 'noticeBasis', { ...noticeBasis(ctx.db), ...input.basis });
  if (input.templates) {
    const own = { ...noticeTemplates(ctx.db) };
    for (const [k, t] of Object.entries(input.templates) as [NoticeKind, NoticeTemplate | null][]) {
      if (t) own[k] = t;
      else delete own[k];
    }
    writeSetting(ctx.db, 'noticeTemplates', own);
  }
  return noticeSettings(ctx);
}

/** The latest (effective) event the notice reports; none, no notice. */
function sourceEvent(ctx: CoreContext, matterId: number, kind: NoticeKind): CaseEvent {
  const event = effectiveEvents(eventsOf(ctx.db, matterId)).findLast((e) => e.type === NOTICE_SOURCE[kind]);
  if (!event) throw new IntakeError('NOTICE_NOT_READY', { field: 'kind' });
  return event;
}

function compose(ctx: CoreContext, matterId: number, kind: NoticeKind, event: CaseEvent, notice: NoticeRecord | null): NoticeDto {
  const d = matterDetail(ctx, matterId);
  const s = d.status;
  const settings = noticeSettings(ctx);
  const reject = event.type === 'reject' ? (event.data as EventData['reject']) : null;
  const reply = event.type === 'reply' ? (event.data as EventData['reply']) : null;
  const transfer = event.type === 'transfer' ? (event.data as EventData['transfer']) : null;
  const values: Record<string, string> = {
    persons: d.persons.map((p) => p.name).join('、'),
    you: addressee(d.persons.length),
    caseNo: d.matter.caseNo,
    registeredDate: zhDate(localDate(new Date(d.matter.registeredAt))),
    issuer: issuerName(ctx),
    contact: centerName(ctx),
    phone: centerPhone(ctx.db) || '＿＿＿＿＿＿',
    legalBasis: settings.basis[kind],
    acceptedDate: zhDate(s.acceptedOn),
    rejectedDate: zhDate(reject ? event.on : null),
    transferredDate: zhDate(transfer ? event.on : null),
    // The acceptance notice states the period as it stood then; the extension notice gives both.
    handleDue: zhDate(kind === 'accept' ? s.handleDueBase : s.handleDue),
    originalDue: zhDate(s.handleDueBase),
    extensionDays: String(s.extension?.days ?? ''),
    approver: s.extension?.approver ?? '',
    reason: event.reason,
    redirect: reject ? REDIRECTS[reject.redirect].replace(/（.*）/, '') : '',
    redirectBody: reject?.body ?? '',
    // The 处理意见书's 查明的事实; the 交办单 passes on the facts as registered.
    facts: reply ? reply.facts : kind === 'handover' ? d.matter.facts : '',
    basis: reply?.basis ?? '',
    decision: reply?.decision ?? '',
    reviewBody: settings.reviewBody,
    reviewDays: String(PERIODS.reviewRequest),
    unit: transfer?.unit ?? '',
    mode: transfer?.mode ?? '',
    signDue: zhDate(transfer ? s.loop?.signDue : null),
    feedbackDue: zhDate(transfer ? s.loop?.feedbackDue : null),
    reportDue: zhDate(transfer ? s.loop?.reportDue : null),
    request: d.matter.request,
  };
  const t = fillTemplate(settings.templates[kind], values);
  return {
    kind,
    title: t.title,
    paragraphs: t.body,
    caseNo: d.matter.caseNo,
    docNo: notice?.docNo ?? null,
    noticeId: notice?.id ?? null,
    issuer: values.issuer!,
    contact: values.contact!,
    date: zhDate(notice?.issuedOn ?? today(ctx)),
    legalBasis: settings.basis[kind],
  };
}

const liveFor = (ctx: CoreContext, matterId: number, kind: NoticeKind, eventId: number): NoticeRecord | null =>
  noticesOfMatter(ctx.db, matterId).find((n) => n.kind === kind && n.eventId === eventId && !n.voidedAt) ?? null;

/** The notice as it prints: with its 文号 once issued, a draft (no 文号) before. */
export function renderNotice(ctx: CoreContext, input: { matterId: number; kind: NoticeKind }): NoticeDto {
  requireMatter(ctx, input.matterId);
  const event = sourceEvent(ctx, input.matterId, input.kind);
  return compose(ctx, input.matterId, input.kind, event, liveFor(ctx, input.matterId, input.kind, event.id));
}

/** Issues the notice: the next 文号 of its type and this year, or the one it already has (printing again reuses it). */
export function issue(ctx: CoreContext, session: Session, input: { matterId: number; kind: NoticeKind }): NoticeDto {
  requireMatter(ctx, input.matterId);
  const event = sourceEvent(ctx, input.matterId, input.kind);
  const on = today(ctx);
  const year = Number(on.slice(0, 4));
  const prefix = noticeSettings(ctx).prefixes[input.kind];
  const { notice } = issueNotice(ctx.db, {
    matterId: input.matterId, kind: input.kind, eventId: event.id, year, issuedOn: on, by: session.user, at: ctx.clock.now().toISOString(),
    docNo: (seq) => formatDocNo(prefix, year, seq),
  });
  return compose(ctx, input.matterId, input.kind, event, notice);
}

function requireNotice(ctx: CoreContext, noticeId: number): NoticeRecord {
  const n = getNotice(ctx.db, noticeId);
  if (!n) throw new IntakeError('NOTICE_NOT_FOUND', { field: 'noticeId' });
  return n;
}

/** Voids an issued notice (wrongly issued, or reissued after a correction): its 文号 stays taken, never given again. */
export function voidIssued(ctx: CoreContext, session: Session, input: { noticeId: number; reason: string }): NoticeEntry[] {
  const n = requireNotice(ctx, input.noticeId);
  if (!voidNotice(ctx.db, n.id, session.user, ctx.clock.now().toISOString(), input.reason)) throw new IntakeError('NOTICE_VOIDED', { field: 'noticeId' });
  return noticeEntries(ctx, n.matterId);
}

export interface ServeInput {
  noticeId: number;
  on?: string;
  method: ServiceMethod;
  result: ServiceResult;
  recipient: string;
  server: string;
  witness: string;
}

/** Records one service of a notice (送达回证) as an event on its matter. A void notice is not served. */
export function serve(ctx: CoreContext, session: Session, input: ServeInput): NoticeEntry[] {
  const n = requireNotice(ctx, input.noticeId);
  if (n.voidedAt) throw new IntakeError('NOTICE_VOIDED', { field: 'noticeId' });
  const on = input.on ?? today(ctx);
  if (on > today(ctx)) throw new IntakeError('EVENT_IN_FUTURE', { field: 'on' });
  if (on < n.issuedOn) throw new IntakeError('SERVICE_BEFORE_ISSUE', { field: 'on' });
  // 留置送达 (and a refusal) stand only with a witness who saw the document left.
  if ((input.method === '留置' || input.result === '拒收') && input.witness.trim() === '') throw new IntakeError('SERVICE_WITNESS_REQUIRED', { field: 'witness' });
  const data: EventData['serve'] = {
    noticeId: n.id, docNo: n.docNo, document: NOTICE_LABELS[n.kind], method: input.method, result: input.result,
    recipient: input.recipient, server: input.server, witness: input.witness.trim(),
  };
  appendEvent(ctx.db, { matterId: n.matterId, type: 'serve', on, data, reason: '', actor: session.user }, ctx.clock.now().toISOString());
  return noticeEntries(ctx, n.matterId);
}

/** The matter's issued notices, each with the services recorded for it. */
export function noticeEntries(ctx: CoreContext, matterId: number): NoticeEntry[] {
  requireMatter(ctx, matterId);
  const services = effectiveEvents(eventsOf(ctx.db, matterId)).filter((e): e is CaseEvent<'serve'> => e.type === 'serve');
  return noticesOfMatter(ctx.db, matterId).map((n) => ({
    id: n.id, kind: n.kind, label: NOTICE_LABELS[n.kind], docNo: n.docNo, issuedOn: n.issuedOn, issuedBy: n.issuedBy,
    voided: n.voidedAt !== null, voidReason: n.voidReason,
    services: services.filter((e) => e.data.noticeId === n.id).map((e) => ({
      eventId: e.id, on: e.on, method: e.data.method, result: e.data.result, recipient: e.data.recipient, server: e.data.server, witness: e.data.witness,
    })),
  }));
}

/** The 送达回证 of one notice. */
export function serviceSheet(ctx: CoreContext, noticeId: number): ServiceSheetDto {
  const n = requireNotice(ctx, noticeId);
  const entry = noticeEntries(ctx, n.matterId).find((e) => e.id === n.id)!;
  const d = matterDetail(ctx, n.matterId);
  const last = entry.services.at(-1) ?? null;
  return {
    docNo: n.docNo,
    document: noticeSettings(ctx).templates[n.kind].title,
    caseNo: d.matter.caseNo,
    recipient: last?.recipient || d.persons.map((p) => p.name).join('、'),
    issuer: issuerName(ctx),
    service: last ? { ...last, on: zhDate(last.on) } : null,
  };
}
