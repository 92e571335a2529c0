/** What the county workstation's pages show (the `county.*` methods). */
import type { FigureValue } from './stats.js';

/** One township's verification, as the import page shows it before the clerk imports. */
export interface BundleCheckDto {
  /** The staged file's handle for county.import. */
  stagedId: string;
  fileName: string;
  ok: boolean;
  township: string | null;
  townshipName: string | null;
  sequence: number | null;
  full: boolean | null;
  createdAt: string | null;
  counts: Record<string, { rows: number; deletes: number }>;
  attachments: number;
  signature: string | null;
  chain: string | null;
  audit: string | null;
  /** Already imported: importing again changes nothing. */
  already: boolean;
  /** Why it would be refused (it is then quarantined on import). */
  refusal: { code: string; message: string } | null;
}

export interface ImportResultDto {
  ok: boolean;
  status: 'imported' | 'already' | 'refused';
  township: string | null;
  sequence: number | null;
  message: string;
  quarantined: boolean;
}

export interface QuarantineRowDto {
  at: string;
  file: string;
  code: string;
  reason: string;
}

export interface CountyImportsDto {
  townships: {
    township: string;
    name: string;
    lastSequence: number | null;
    lastImportedAt: string | null;
    lastCreatedAt: string | null;
    bundles: number;
    /** No bundle for longer than the setting (or never). */
    late: boolean;
  }[];
  lateDays: number;
  quarantine: QuarantineRowDto[];
}

/** The figures of the standing table, by the township report's own figure ids. */
export const STANDING_FIGURES = ['timelyDecision', 'timelyClose', 'participation', 'satisfaction', 'leaderResolution', 'firstOnce', 'backlogResolution', 'registered'] as const;
export type StandingFigure = (typeof STANDING_FIGURES)[number];

export interface StandingRowDto {
  township: string;
  name: string;
  /** Whether any bundle was imported: a township without one has no figures. */
  imported: boolean;
  sanwu: boolean | null;
  zeroVillages: { zero: number; total: number; share: number | null } | null;
  figures: Partial<Record<StandingFigure, FigureValue>>;
  handedDown: number;
  handedResolved: number;
  lastImportedAt: string | null;
  lastSequence: number | null;
}

export interface StandingDto {
  period: { from: string; to: string };
  /** The rate columns of the ranking, in order: the figure's full name and the one the narrow column shows. */
  columns: { id: StandingFigure; label: string; short: string }[];
  rows: StandingRowDto[];
  totals: {
    townships: number;
    imported: number;
    sanwuMet: number;
    sanwuShare: number | null;
    zeroVillages: { zero: number; total: number; share: number | null };
    figures: Partial<Record<StandingFigure, FigureValue>>;
    handedDown: number;
    handedResolved: number;
  };
}

export interface CountyMatterRowDto {
  township: string;
  matterId: number;
  caseNo: string;
  registeredAt: string;
  /** 信访形式, with the source body for 上级转送 / 领导批示件. */
  channel: string;
  purpose: string;
  category: string;
  state: string;
  persons: string;
}

export interface CountyPersonRowDto {
  /** The same person across townships: by ID number, else by name (no ID). */
  key: string;
  name: string;
  idMasked: string | null;
  townships: string[];
  matters: number;
  skips: number;
}

export interface CountyPersonDto {
  name: string;
  idMasked: string | null;
  matters: (CountyMatterRowDto & { townshipName: string; levelSkips: string[] })[];
}

/** One matter on the county's supervision lists (督查督办): overdue, or due within three days. */
export interface SupervisionRowDto {
  township: string;
  townshipName: string;
  caseNo: string;
  category: string;
  registeredOn: string;
  state: string;
  /** The deadline that is passing: 告知受理 (15 days) or 答复办结 (60, +30). */
  dueKind: string;
  nextDue: string;
  /** Positive: days overdue; zero or negative: days left. */
  daysOver: number;
  unit: string | null;
}

export interface SupervisionDto {
  today: string;
  overdue: SupervisionRowDto[];
  dueSoon: SupervisionRowDto[];
  /** Per township that sent bundles: how many of each. */
  byTownship: { township: string; name: string; overdue: number; dueSoon: number }[];
}
