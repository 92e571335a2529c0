/**
 * The national petition record (全国信访信息系统 登记) as the desk fills it (DOMAIN.md, "National record
 * fields"): what a person states at registration (匿名, 联名 with the count, 被反映人/单位, 重大紧急,
 * 涉法涉诉, the earlier matter a new one repeats) and what the record computes (初次信访: the person's
 * first matter at this center; 重复信访: an earlier matter named, or repeat visits on this one; 积案).
 * The export's columns in the record's order, so that entering a matter into the national system is
 * copying a row, never typing it again. Pure: no I/O.
 */
import { maskIdNumber } from './masking.js';

/** The fields stated at registration (stored on the matter, migration 018). */
export interface RecordFields {
  anonymous: boolean;
  /** 联名: the number of signers; 0 when not 联名. */
  jointCount: number;
  reportedParty: string;
  urgent: boolean;
  litigation: boolean;
  /** 重复信访: the earlier matter this one repeats, if named. */
  repeatOf: number | null;
}

export const NO_RECORD_FIELDS: RecordFields = { anonymous: false, jointCount: 0, reportedParty: '', urgent: false, litigation: false, repeatOf: null };

/** One matter as the export needs it (from the matter's rows and its facts). */
export interface NationalRow {
  caseNo: string;
  /** The day registered (for a letter or a transferred matter: the day received, from which the clocks run). */
  registeredOn: string;
  channel: string;
  sourceBody: string;
  sourceNo: string;
  persons: string;
  /** The first party's ID number, unmasked: masked here. */
  idNumber: string | null;
  headcount: number;
  involved: number;
  isGroup: boolean;
  record: RecordFields;
  repeatOfCaseNo: string | null;
  firstAtCenter: boolean;
  repeatVisits: number;
  backlogOn: string | null;
  place: string;
  purpose: string;
  category: string;
  request: string;
  skips: string;
  stateLabel: string;
  unit: string | null;
}

const yes = (b: boolean): string => (b ? '是' : '否');

/** 积案 on a day: it became one (open past the setting, or marked 积案 in 包案) on or before it. */
export const isBacklog = (backlogOn: string | null, today: string): boolean => backlogOn !== null && backlogOn <= today;
/** 重复信访: an earlier matter was named at registration, or the matter had a visit after its first. */
export const isRepeat = (r: Pick<NationalRow, 'record' | 'repeatVisits'>): boolean => r.record.repeatOf !== null || r.repeatVisits > 0;

/** The columns in the national record's order, each with the cell it takes from a row. */
export const NATIONAL_COLUMNS: readonly { header: string; width: number; cell(r: NationalRow, today: string): string | number }[] = [
  { header: '信访件编号', width: 20, cell: (r) => r.caseNo },
  { header: '登记日期', width: 12, cell: (r) => r.registeredOn },
  { header: '信访形式', width: 10, cell: (r) => r.channel },
  { header: '来源机关（上级转送/批示）', width: 22, cell: (r) => r.sourceBody },
  { header: '来源文号', width: 18, cell: (r) => r.sourceNo },
  { header: '信访人', width: 16, cell: (r) => (r.record.anonymous ? '匿名' : r.persons) },
  { header: '证件号码', width: 20, cell: (r) => (r.record.anonymous || !r.idNumber ? '' : maskIdNumber(r.idNumber)) },
  { header: '是否匿名', width: 8, cell: (r) => yes(r.record.anonymous) },
  { header: '是否联名', width: 8, cell: (r) => yes(r.record.jointCount > 0) },
  { header: '联名人数', width: 8, cell: (r) => (r.record.jointCount > 0 ? r.record.jointCount : '') },
  { header: '来访人数', width: 8, cell: (r) => r.headcount },
  { header: '涉及人数', width: 8, cell: (r) => r.involved },
  { header: '是否集体访', width: 10, cell: (r) => yes(r.isGroup) },
  { header: '是否初次信访', width: 12, cell: (r) => yes(r.firstAtCenter) },
  { header: '是否重复信访', width: 12, cell: (r) => yes(isRepeat(r)) },
  { header: '原信访件编号', width: 20, cell: (r) => r.repeatOfCaseNo ?? '' },
  { header: '重复来访次数', width: 10, cell: (r) => r.repeatVisits },
  { header: '问题属地', width: 16, cell: (r) => r.place },
  { header: '被反映人/单位', width: 20, cell: (r) => r.record.reportedParty },
  { header: '信访目的', width: 10, cell: (r) => r.purpose },
  { header: '内容分类', width: 16, cell: (r) => r.category },
  { header: '信访事项概况', width: 50, cell: (r) => r.request },
  { header: '是否重大紧急', width: 12, cell: (r) => yes(r.record.urgent) },
  { header: '是否涉法涉诉', width: 12, cell: (r) => yes(r.record.litigation) },
  { header: '是否积案', width: 8, cell: (r, today) => yes(isBacklog(r.backlogOn, today)) },
  { header: '越级情况', width: 12, cell: (r) => r.skips },
  { header: '办理状态', width: 12, cell: (r) => r.stateLabel },
  { header: '责任单位', width: 16, cell: (r) => r.unit ?? '' },
];

/** One row of the export, in NATIONAL_COLUMNS' order. */
export const nationalCells = (r: NationalRow, today: string): (string | number)[] => NATIONAL_COLUMNS.map((c) => c.cell(r, today));
