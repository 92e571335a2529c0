/** What the county workstation's pages show (the `county.*` methods). */
import type { FigureValue } from './stats.js';
import type { Period } from '../periods.js';

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
  /** The county's signed receipt for the township (issue 18), to hand back with the next exchange; null when none could be made. */
  receipt: { fileName: string; dataBase64: string } | null;
  /** Why no receipt was made, when the bundle's signer was known. */
  receiptProblem: string | null;
}

/** 交办件 handed down (issue 18): one batch for one township, as `county.assign` made it. */
export interface AssignResultDto {
  township: string;
  sequence: number;
  items: number;
  fileName: string;
  /** The bundle itself, for the browser to save (a batch is small). */
  dataBase64: string;
}

/** The batch view: per batch and township, handed down (the county's record) and resolved (the township's own report). */
export interface BatchViewDto {
  /** The choices the 下发交办件 form offers (the desk's own vocabularies). */
  categories: readonly string[];
  purposes: readonly string[];
  batches: {
    source: string;
    batch: string;
    handedDown: number;
    resolved: number;
    townships: { township: string; name: string; handedDown: number; tracked: number; resolved: number; sentAt: string; sequence: number }[];
  }[];
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
  /** Its place in the 通报's ranking (by 按期办结率, best first); null without a bundle. */
  rank: number | null;
}

export interface StandingDto {
  /** The period as the township's reports name it (月 / 季度 / 半年 / 年, or a range). */
  period: Period;
  /** The rate columns of the ranking, in order: the figure's full name and the one the narrow column shows. */
  columns: { id: StandingFigure; label: string; short: string }[];
  /** In the 通报's order: ranked, the townships without a bundle last. */
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
  /** Names the person to `county.person`: one township and its person id (never the ID number); the rows of one ID number are one person. */
  key: string;
  name: string;
  idMasked: string | null;
  townships: string[];
  matters: number;
  skips: number;
  /** Visits on a matter already registered (重复信访), at every township. */
  repeats: number;
}

export const WATCH_LISTS = ['several', 'skipping', 'repeat'] as const;
/** 多乡镇登记, 越级, 重复信访. */
export type WatchList = (typeof WATCH_LISTS)[number];

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
