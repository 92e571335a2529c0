/**
 * Notices as official documents (公文): their kinds, 文号, the placeholders each template may use, and
 * how a template is filled. Pure: the handler gathers the facts, this turns them into paragraphs.
 */

/** In the order the desk meets them: decision, transfer, extension, reply. */
export const NOTICE_KINDS = ['accept', 'reject', 'transfer', 'handover', 'extend', 'reply'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The event a notice reports: no such event yet, no notice. */
export const NOTICE_SOURCE: Record<NoticeKind, 'accept' | 'reject' | 'extend' | 'reply' | 'transfer'> = {
  accept: 'accept', reject: 'reject', extend: 'extend', reply: 'reply', transfer: 'transfer', handover: 'transfer',
};

export const NOTICE_LABELS: Record<NoticeKind, string> = {
  accept: '受理告知书',
  reject: '不予受理告知书',
  extend: '延期告知书',
  reply: '处理意见书',
  transfer: '转送告知书',
  handover: '交办单',
};

/** The type character of the default 文号 prefix: 张信受 = 张(母桥镇) 信(访) 受(理). */
const KIND_CHAR: Record<NoticeKind, string> = { accept: '受', reject: '不受', extend: '延', reply: '复', transfer: '转', handover: '交' };

/** "张信受": the township's first character, 信, the notice type. A setting replaces it per kind. */
export const defaultPrefix = (townshipName: string, kind: NoticeKind): string => `${townshipName.slice(0, 1)}信${KIND_CHAR[kind]}`;

/** 张信受〔2026〕12号 (GB/T 9704: year in 六角括号, no leading zeros, 号 after the number). */
export const formatDocNo = (prefix: string, year: number, seq: number): string => `${prefix}〔${year}〕${seq}号`;

/** A prefix a center may set: a few Chinese characters, no brackets or digits (they belong to the 文号 itself). */
export const validPrefix = (p: string): boolean => /^[\u4e00-\u9fff]{1,8}$/.test(p);

/** Placeholders every template may use, then those only some kinds have facts for. */
const COMMON = ['persons', 'you', 'caseNo', 'registeredDate', 'issuer', 'contact', 'phone', 'legalBasis'] as const;
export const PLACEHOLDERS: Record<NoticeKind, readonly string[]> = {
  accept: [...COMMON, 'acceptedDate', 'handleDue'],
  reject: [...COMMON, 'rejectedDate', 'redirect', 'redirectBody', 'reason'],
  extend: [...COMMON, 'acceptedDate', 'originalDue', 'handleDue', 'extensionDays', 'approver', 'reason'],
  reply: [...COMMON, 'acceptedDate', 'facts', 'basis', 'decision', 'reviewBody', 'reviewDays'],
  transfer: [...COMMON, 'transferredDate', 'unit', 'mode'],
  /** 交办单 goes to the unit: its three due dates and what the person asks. */
  handover: [...COMMON, 'transferredDate', 'unit', 'mode', 'signDue', 'feedbackDue', 'reportDue', 'request', 'facts'],
};

export interface NoticeTemplate {
  title: string;
  body: string[];
}

/** The placeholders a template names that its kind does not know: a reworded template with any is refused. */
export function unknownPlaceholders(kind: NoticeKind, t: NoticeTemplate): string[] {
  const known = new Set(PLACEHOLDERS[kind]);
  const named = [t.title, ...t.body].flatMap((line) => [...line.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!));
  return [...new Set(named.filter((n) => !known.has(n)))];
}

/** Braces left over that are not a placeholder ("{caseNo" or "}"): a typo a center would print. */
export function strayBraces(t: NoticeTemplate): boolean {
  return [t.title, ...t.body].some((line) => /[{}]/.test(line.replace(/\{[^{}]*\}/g, '')));
}

/** 你 for one person, 你们 for more (a template writes {you}). */
export const addressee = (count: number): string => (count > 1 ? '你们' : '你');

/** A typed value's own closing punctuation goes: the template supplies its own ("因需复核。，经" → "因需复核，经"). */
export const trimValue = (v: string): string => v.trim().replace(/[。，；、,.;：:\s]+$/u, '');

/** Fills one line. Doubled or clashing punctuation where a value was empty or ended in its own is folded. */
export function fillLine(line: string, values: Readonly<Record<string, string>>): string {
  const filled = line.replace(/\{(\w+)\}/g, (_, k: string) => trimValue(values[k] ?? ''));
  return filled
    .replace(/([。，；：、])[。，；、]+/gu, '$1')
    .replace(/（\s*）/gu, '')
    .replace(/\s+([，。；：、）])/gu, '$1');
}

/**
 * A line whose every value is empty (no reason given, no facts recorded) is dropped, not printed as
 * "事实和理由：。"; so is a line left with no words at all.
 */
function keepLine(line: string, values: Readonly<Record<string, string>>): boolean {
  const names = [...line.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length > 0 && names.every((n) => trimValue(values[n] ?? '') === '')) return false;
  return fillLine(line, values).replace(/[\p{P}\s]/gu, '') !== '';
}

export const fillTemplate = (t: NoticeTemplate, values: Readonly<Record<string, string>>): NoticeTemplate => ({
  title: fillLine(t.title, values),
  body: t.body.filter((line) => keepLine(line, values)).map((line) => fillLine(line, values)),
});

/** 2026-03-05 → 2026年3月5日 (GB/T 9704 成文日期: Arabic numerals, no leading zeros). */
export const zhDate = (date: string | null | undefined): string =>
  date ? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '';

export const SERVICE_METHODS = ['当面', '邮寄', '留置', '电子'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_RESULTS = ['签收', '拒收'] as const;
export type ServiceResult = (typeof SERVICE_RESULTS)[number];

/** The default 复查机关 of a township government's reply: the county government (DOMAIN.md, 文书). */
export const DEFAULT_REVIEW_BODY = '舒城县人民政府';
