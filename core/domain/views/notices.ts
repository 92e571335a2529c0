/** What the notice calls return (core/services/notices.ts). */
import type { NoticeKind, NoticeTemplate, ServiceMethod, ServiceResult } from '../notices.js';

export interface NoticeDto {
  kind: NoticeKind;
  title: string;
  paragraphs: string[];
  caseNo: string;
  /** The register's 文号; null until the notice is issued. */
  docNo: string | null;
  noticeId: number | null;
  /** 发文机关: the township government. */
  issuer: string;
  /** The center, as contact and address. */
  contact: string;
  /** 成文日期: the day issued (today for a draft). */
  date: string;
  legalBasis: string;
}

export interface ServiceDto {
  eventId: number;
  on: string;
  method: ServiceMethod;
  result: ServiceResult;
  recipient: string;
  server: string;
  witness: string;
}

export interface NoticeEntry {
  id: number;
  kind: NoticeKind;
  label: string;
  docNo: string;
  issuedOn: string;
  issuedBy: string;
  voided: boolean;
  voidReason: string | null;
  services: ServiceDto[];
}

export interface NoticeSettings {
  reviewBody: string;
  prefixes: Record<NoticeKind, string>;
  basis: Record<NoticeKind, string>;
  templates: Record<NoticeKind, NoticeTemplate>;
  /** Which kinds carry the center's rewording rather than the shipped text. */
  reworded: NoticeKind[];
  /** Every kind in the desk's order, its name, and the event it reports (no such event, no notice to print). */
  kinds: NoticeKindInfo[];
}

export interface NoticeKindInfo {
  kind: NoticeKind;
  label: string;
  source: 'accept' | 'reject' | 'extend' | 'reply' | 'transfer';
}

export interface ServiceSheetDto {
  docNo: string;
  document: string;
  caseNo: string;
  recipient: string;
  issuer: string;
  /** The latest service recorded; null prints a blank 回证 to be filled in by hand. */
  service: (Omit<ServiceDto, 'on'> & { on: string }) | null;
}

