/**
 * The center's settings, typed. Each setting is declared once below (key, codec, default); the rest
 * of the code reads and writes them through the named functions, so no settings key is a string
 * anywhere else and a wrong type cannot be stored.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DayMode } from '../domain/deadlines.js';
import type { RestoreReport } from '../domain/views/backups.js';
import { DEFAULT_REVIEW_BODY, type NoticeKind, type NoticeTemplate } from '../domain/notices.js';
import { DEFAULT_EVALUATION_DAYS } from '../domain/evaluation.js';
import { DEFAULT_BACKLOG_DAYS, DEFAULT_SANWU, DEFAULT_WARNINGS, type SanwuCondition, type WarningThresholds } from '../domain/figures.js';

interface Codec<T> {
  key: string;
  parse(raw: string): T | null;
  format(value: T): string;
}

const text = (key: string): Codec<string> => ({ key, parse: (raw) => raw, format: (v) => v });
const json = <T>(key: string): Codec<T> => ({ key, parse: (raw) => JSON.parse(raw) as T, format: (v) => JSON.stringify(v) });
const wholeNumber = (key: string): Codec<number> => ({
  key,
  parse: (raw) => (/^\d+$/.test(raw) ? Number(raw) : null),
  format: (v) => String(v),
});

/** Every setting the desk keeps. */
export const SETTINGS = {
  /** How legal periods are counted. */
  dayMode: { key: 'deadlines.day_mode', parse: (raw: string) => (raw === 'working' || raw === 'calendar' ? raw : null), format: (v: DayMode) => v } satisfies Codec<DayMode>,
  /** This center's township code. */
  centerTownship: text('center.township'),
  /** The center's phone, printed on receipts and notices. */
  centerPhone: text('center.phone'),
  /** Days of daily backups kept in the data folder. */
  backupKeepDays: wholeNumber('backup.keepDays'),
  /** How many full ID numbers or phones one user may reveal in an hour (persons.reveal). */
  revealsPerHour: wholeNumber('persons.reveals_per_hour'),
  /** Days an instruction (批示) is due in when the leader names no date. */
  instructionDueDays: wholeNumber('instructions.due_days'),
  /** The age recipient of the center's paper recovery key: every backup's key is also encrypted to it. */
  recoveryRecipient: text('backup.recovery_recipient'),
  /** When that recovery key was made, and when the admin confirmed it was printed (ISO times). */
  recoveryCreatedAt: text('backup.recovery_created_at'),
  recoveryPrintedAt: text('backup.recovery_printed_at'),
  /** How the last restore from the UI ended (written by the desk that opened afterwards). */
  lastRestore: json<RestoreReport>('backup.last_restore'),
  /** The largest attachment one file may be, in MB (checked when the file is attached). */
  attachmentMaxFileMb: wholeNumber('attachments.max_file_mb'),
  /** The most all attachments of one registration may add up to, in MB. */
  attachmentMaxTotalMb: wholeNumber('attachments.max_total_mb'),
  /**
   * The receipt check key (hex) as earlier versions kept it, in the database. Read only to move it
   * into the key store (core/services/receipts.ts), then deleted.
   */
  receiptKey: text('center.receipt_key'),
  /** The name of the receipt key in the key store (a random id, not a secret). */
  receiptKeyId: text('center.receipt_key_id'),
  /** When the shipped reference data was loaded. */
  referenceSeededAt: text('reference.seeded_at'),
  /** The admin's changes to the permission matrix (core/domain/permissions.ts), over its defaults. */
  permissions: json<Record<string, unknown>>('roles.permissions'),
  /** What the township knows of the county: its recipient and pinned root key (core/bundle/county-setting.ts). */
  bundleCounty: json<unknown>('bundle.county'),
  /** Days after an export with no county receipt before the 数据包 page flags the bundle (issue 18; default 7). */
  bundleReceiptDays: wholeNumber('bundle.receipt_days'),
  /** Days open after which a matter counts as 积案 (core/domain/figures.ts). */
  backlogDays: wholeNumber('stats.backlog_days'),
  /** Days after a reply before an unevaluated matter is 超期未评价 (core/domain/evaluation.ts). */
  evaluationDays: wholeNumber('stats.evaluation_days'),
  /** The 三无 conditions, replacing the defaults (core/domain/figures.ts DEFAULT_SANWU). */
  sanwuConditions: json<SanwuCondition[]>('stats.sanwu'),
  /** Early-warning thresholds over their defaults (DEFAULT_WARNINGS). */
  warningThresholds: json<Partial<WarningThresholds>>('stats.warning_thresholds'),
  /** The body a township's reply is reviewed by (复查机关), named in the 处理意见书. */
  reviewBody: text('notices.review_body'),
  /** 文号 prefixes per notice kind over the defaults (core/domain/notices.ts defaultPrefix). */
  noticePrefixes: json<Partial<Record<NoticeKind, string>>>('notices.prefixes'),
  /** The legal basis each notice cites, per kind, once the center has checked the article (resources/notices/SOURCES.md). */
  noticeBasis: json<Partial<Record<NoticeKind, string>>>('notices.basis'),
  /** A center's rewording of the notice templates, per kind; validated before it is stored. */
  noticeTemplates: json<Partial<Record<NoticeKind, NoticeTemplate>>>('notices.templates'),
} as const;

type Settings = typeof SETTINGS;
export type SettingName = keyof Settings;
type ValueOf<N extends SettingName> = Settings[N] extends Codec<infer T> ? T : never;

/** The stored value, or null when unset (or unreadable, which the default then covers). */
export function readSetting<N extends SettingName>(db: Database, name: N): ValueOf<N> | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS[name].key) as { value: string } | undefined;
  return row ? ((SETTINGS[name] as Codec<ValueOf<N>>).parse(row.value) ?? null) : null;
}

export function writeSetting<N extends SettingName>(db: Database, name: N, value: ValueOf<N>): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    SETTINGS[name].key,
    (SETTINGS[name] as Codec<ValueOf<N>>).format(value),
  );
}

export function deleteSetting(db: Database, name: SettingName): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(SETTINGS[name].key);
}

export const DEFAULT_KEEP_DAYS = 30;

export const dayMode = (db: Database): DayMode => readSetting(db, 'dayMode') ?? 'calendar';
export const centerTownship = (db: Database): string | null => readSetting(db, 'centerTownship');
export const centerPhone = (db: Database): string => readSetting(db, 'centerPhone') ?? '';
export const DEFAULT_INSTRUCTION_DUE_DAYS = 7;
export function instructionDueDays(db: Database): number {
  const n = readSetting(db, 'instructionDueDays');
  return n !== null && n >= 1 ? n : DEFAULT_INSTRUCTION_DUE_DAYS;
}

export const DEFAULT_REVEALS_PER_HOUR = 20;
export function revealsPerHour(db: Database): number {
  const n = readSetting(db, 'revealsPerHour');
  return n !== null && n >= 1 ? n : DEFAULT_REVEALS_PER_HOUR;
}

export function backupKeepDays(db: Database): number {
  const n = readSetting(db, 'backupKeepDays');
  return n !== null && n >= 1 ? n : DEFAULT_KEEP_DAYS;
}

/** Attachment limits (README, 附件): 50 MB a file, 200 MB a registration, 20 files, unless the admin sets others. */
export const DEFAULT_ATTACHMENT_MAX_FILE_MB = 50;
export const DEFAULT_ATTACHMENT_MAX_TOTAL_MB = 200;
export const ATTACHMENT_MAX_FILES = 20;

export function attachmentLimits(db: Database): { maxFileBytes: number; maxTotalBytes: number; maxFiles: number } {
  const file = readSetting(db, 'attachmentMaxFileMb');
  const total = readSetting(db, 'attachmentMaxTotalMb');
  const mb = 1024 * 1024;
  return {
    maxFileBytes: (file !== null && file >= 1 ? file : DEFAULT_ATTACHMENT_MAX_FILE_MB) * mb,
    maxTotalBytes: (total !== null && total >= 1 ? total : DEFAULT_ATTACHMENT_MAX_TOTAL_MB) * mb,
    maxFiles: ATTACHMENT_MAX_FILES,
  };
}

export function backlogDays(db: Database): number {
  const n = readSetting(db, 'backlogDays');
  return n !== null && n >= 1 ? n : DEFAULT_BACKLOG_DAYS;
}

export function evaluationDays(db: Database): number {
  const n = readSetting(db, 'evaluationDays');
  return n !== null && n >= 1 ? n : DEFAULT_EVALUATION_DAYS;
}

export function sanwuConditions(db: Database): SanwuCondition[] {
  const v = readSetting(db, 'sanwuConditions');
  return Array.isArray(v) && v.length > 0 ? v : [...DEFAULT_SANWU];
}

export function warningThresholds(db: Database): WarningThresholds {
  return { ...DEFAULT_WARNINGS, ...(readSetting(db, 'warningThresholds') ?? {}) };
}

export const reviewBody = (db: Database): string => readSetting(db, 'reviewBody') || DEFAULT_REVIEW_BODY;
export const noticePrefixes = (db: Database): Partial<Record<NoticeKind, string>> => readSetting(db, 'noticePrefixes') ?? {};
export const noticeBasis = (db: Database): Partial<Record<NoticeKind, string>> => readSetting(db, 'noticeBasis') ?? {};
export const noticeTemplates = (db: Database): Partial<Record<NoticeKind, NoticeTemplate>> => readSetting(db, 'noticeTemplates') ?? {};
