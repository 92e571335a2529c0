/** What 统计研判 shows and exports: the shapes the service returns and the contract names. */
import type { FigureKind, SanwuCondition, WarningThresholds } from '../figures.js';
import type { PeriodKind } from '../periods.js';

export interface PeriodDto {
  kind: PeriodKind;
  from: string;
  to: string;
  label: string;
}

/** A figure's value in one period: a count (num), a rate (num ÷ den) or an average (num ÷ den days). */
export interface FigureValue {
  num: number;
  den: number | null;
  /** The count, the rate (0..1) or the average; null when the denominator is 0. */
  value: number | null;
}

export interface FigureRowDto {
  id: string;
  label: string;
  group: string;
  kind: FigureKind;
  numLabel: string;
  denLabel: string | null;
  target: number | null;
  better: 'up' | 'down' | 'none';
  current: FigureValue;
  previous: FigureValue;
  yearAgo: FigureValue;
}

export interface BreakdownRowDto {
  key: string;
  label: string;
  n: number;
  previous: number;
  yearAgo: number;
}

export interface BreakdownDto {
  /** The metric behind it ('reg.category' …): the list of matters opens with it and the key. */
  metric: string;
  label: string;
  rows: BreakdownRowDto[];
}

export interface FigureMatterDto {
  id: number;
  caseNo: string;
  /** 信访形式, with the source body for 上级转送 / 领导批示件. */
  channel: string;
  category: string;
  registeredOn: string;
  state: string;
  unit: string | null;
  village: string | null;
  persons: string;
  /** The first party's ID number, masked (3424**********123X). */
  idMasked: string | null;
}

export interface SanwuDto {
  met: boolean;
  conditions: { label: string; broken: number }[];
  /** The matters that broke a condition in the period. */
  breakers: (FigureMatterDto & { conditions: string[] })[];
}

export interface VillagesDto {
  /** Villages of the center's list. */
  total: number;
  /** 零上访村: no matter registered in the period with its 问题发生地 there. */
  zero: number;
  share: number | null;
  zeroNames: string[];
  withPetitions: { villageId: number; name: string; n: number }[];
}

export interface TrendPointDto {
  month: string;
  registered: number;
  visits: number;
  repeatVisits: number;
}

export interface OverdueRowDto {
  id: number;
  caseNo: string;
  category: string;
  registeredOn: string;
  state: string;
  nextDue: string | null;
  dueKind: string;
  unit: string | null;
  daysOver: number;
}

export interface StatsReportDto {
  /** 舒城县张母桥镇 …; the county when the scope is every township. */
  scopeName: string;
  township: string | null;
  today: string;
  period: PeriodDto;
  previous: PeriodDto;
  yearAgo: PeriodDto;
  figures: FigureRowDto[];
  breakdowns: BreakdownDto[];
  batches: { batch: string; handedDown: number; resolved: number }[];
  sanwu: SanwuDto;
  villages: VillagesDto;
  trend: TrendPointDto[];
  overdue: OverdueRowDto[];
}

export interface FigureMattersDto {
  title: string;
  total: number;
  /** Only the first rows are listed. */
  truncated: boolean;
  rows: FigureMatterDto[];
}

export type WarningKind = 'repeatPerson' | 'villageCluster' | 'categoryCluster' | 'surge' | 'idle' | 'project';

export interface WarningDto {
  kind: WarningKind;
  title: string;
  detail: string;
  matterIds: number[];
}

export interface WarningsDto {
  today: string;
  thresholds: WarningThresholds;
  /** All warnings (the badge); `items` lists the newest 50 of each kind. */
  total: number;
  items: WarningDto[];
}

export interface StatsSettingsDto {
  backlogDays: number;
  /** Days after a reply before an unevaluated matter is 超期未评价. */
  evaluationDays: number;
  sanwu: SanwuCondition[];
  warnings: WarningThresholds;
}

export interface XlsxFileDto {
  state: 'running' | 'done' | 'failed' | 'cancelled';
  fileName: string | null;
  /** The workbook, base64, once done. */
  base64: string | null;
  error: string | null;
}
