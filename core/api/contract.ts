/**
 * The one contract between the UI and the core. Every call the renderer can make is an entry here:
 * its input schema (validated at run time, because the HTTP bridge and bundles cross trust
 * boundaries), its output type and the roles allowed. The Electron binding, the HTTP binding and the
 * renderer client are all derived from this table. The renderer may import this file for types only.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../kernel/roles.js';
import { CATEGORIES, CHANNELS, PURPOSES, QUICK_TAGS, SKIP_LEVELS } from '../domain/categories.js';
import { ASSIGN_KINDS, CAUSE_TYPES, EVALUATIONS, REDIRECTS, type EventType } from '../domain/case-events.js';
import type { CaseStatus } from '../domain/case-state.js';
import type { AssessmentFigures } from '../domain/assessment.js';
import type { InstructionState } from '../domain/instructions.js';

export type { CaseStatus, EventType, AssessmentFigures };

export { ROLES, type Role };
const ANYONE: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['admin'];
/** Registration is the desk's job; a duty leader may register a visitor too. */
const DESK: readonly Role[] = ROLES;

// ---- Output shapes -------------------------------------------------------------------------
export interface TownshipDto {
  code: string;
  name: string;
  kind: 'town' | 'township' | 'zone';
}
export interface SystemInfo {
  version: string;
  schemaVersion: number;
  county: string;
  township: TownshipDto | null;
  /** The center's phone, printed on receipts and notices. */
  centerPhone: string;
  /** How legal periods are counted: calendar days (default) or working days. */
  dayMode: 'calendar' | 'working';
  /** Days of daily backups kept in the data folder. */
  backupKeepDays: number;
  dataDir: string;
}
export interface VillageDto {
  id: number;
  townshipCode: string;
  name: string;
  /** pinyin initials, so pickers filter by 'tyc' for 桃园村 */
  initials: string;
}
/** A pickable value with its pinyin initials. */
export interface ListItem {
  value: string;
  initials: string;
}
export interface ReferenceLists {
  channels: readonly string[];
  purposes: ListItem[];
  categories: ListItem[];
  /** quick tag → the category it suggests */
  quickTags: Readonly<Record<string, string>>;
  skipLevels: Readonly<Record<string, string>>;
  /** Where a matter that is not accepted should go instead (诉访分离). */
  redirects: Readonly<Record<string, string>>;
  evaluations: readonly string[];
  causeTypes: readonly string[];
  assignKinds: readonly string[];
}
/** One search hit: masked, enough to recognise the person and see their standing at a glance. */
export interface PersonHit {
  id: number;
  name: string;
  sex: 'M' | 'F' | null;
  idMasked: string | null;
  phoneMasked: string | null;
  village: string | null;
  lastVisit: string | null;
  openMatters: number;
}
/** A new person as the core read it, before anything is saved. */
export interface PersonCheck {
  name: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  idMasked: string | null;
  /** The person already registered under this ID number: pick them instead. */
  existing: PersonHit | null;
  /** Same name and phone, or same name and village: ask before making a new record. */
  duplicates: PersonHit[];
}
export interface MatterBrief {
  id: number;
  caseNo: string;
  category: string;
  purpose: string;
  tags: string[];
  request: string;
  registeredAt: string;
  visits: number;
  isGroup: boolean;
  personIds: number[];
}
export interface RegisterResult {
  matterId: number;
  caseNo: string;
  visitId: number;
  personIds: number[];
  repeat: boolean;
  isGroup: boolean;
  decisionDue: string;
}
export interface Receipt {
  caseNo: string;
  centerName: string;
  centerPhone: string;
  registeredAt: string;
  decisionDue: string;
  persons: string[];
  category: string;
  purpose: string;
  visits: number;
  /** Printed under the QR code; derived from the center's key so a forged receipt is recognisable. */
  check: string;
  qrText: string;
}

export interface MatterEventDto {
  id: number;
  type: EventType;
  label: string;
  on: string;
  data: Record<string, unknown>;
  reason: string;
  actor: string;
  recordedAt: string;
  corrects: number | null;
  /** Set when a later event corrected this one. */
  correctedBy: number | null;
}
export interface MatterDetail {
  matter: MatterBrief & { facts: string; channel: string; levelSkips: { level: string; visitedOn: string | null }[] };
  persons: PersonHit[];
  status: CaseStatus;
  stateLabel: string;
  overdue: boolean;
  daysLeft: number | null;
  dayMode: 'calendar' | 'working';
  /** Handling steps the matter may take now. */
  allowed: EventType[];
  events: MatterEventDto[];
  visits: { id: number; visitedAt: string; channel: string; headcount: number; isRepeat: boolean; persons: string }[];
  attachments: { id: number; fileName: string; size: number; sha256: string }[];
}
export interface MatterRowDto {
  id: number;
  caseNo: string;
  category: string;
  request: string;
  persons: string;
  registeredAt: string;
  state: string;
  stateLabel: string;
  nextDue: string | null;
  nextDueKind: 'decide' | 'reply' | null;
  daysLeft: number | null;
  overdue: boolean;
  unit: string | null;
  handler: string | null;
  leader: string | null;
  assignKind: string | null;
}
export interface ProjectDto {
  id: number;
  name: string;
  description: string;
  assessedOn: string | null;
  matters: number;
  open: number;
}
// 领导接访日 (issue 6): roster, today's queue, receptions, instructions, a person's whole history.
export interface LeaderDto {
  id: number;
  name: string;
  title: string;
  role: 'main' | 'deputy';
  active: boolean;
  sortOrder: number;
}
export interface DutyDayDto {
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  working: boolean;
  holiday: string | null;
  /** A weekend day worked by the official table (调休上班). */
  makeUp: boolean;
  kind: 'main' | 'deputy' | 'holiday' | 'weekend';
  leader: { id: number; name: string; title: string; role: 'main' | 'deputy' } | null;
  planned: { id: number; name: string; title: string; role: 'main' | 'deputy' } | null;
  override: { leaderId: number | null; note: string } | null;
}
/** An instruction (批示) as folded from its events (`id` is the 'instruction' event's), with its matter. */
export interface InstructionDto extends InstructionState {
  caseNo: string;
  persons: string;
  overdue: boolean;
  daysLeft: number | null;
}
export interface QueueItemDto {
  visitId: number;
  matterId: number;
  /** 1, 2, 3 … in arrival order. */
  position: number;
  caseNo: string;
  arrivedAt: string;
  persons: { id: number; name: string; representative: boolean }[];
  headcount: number;
  category: string;
  purpose: string;
  tags: string[];
  request: string;
  /** This visit's place among the matter's visits: 2 and up is a repeat visit. */
  visitNo: number;
  isRepeat: boolean;
  isGroup: boolean;
  /** 越级: the levels already visited on this matter (县, 市, 省, 进京). */
  levelSkips: string[];
  status: 'waiting' | 'receiving' | 'done';
  /** Until reception began, or until now while waiting. */
  minutesWaiting: number;
  leader: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  heard: string;
  answered: string;
  stateLabel: string;
  /** What an instruction's due date defaults to: the matter's pending deadline. */
  defaultDue: string | null;
  instructions: InstructionDto[];
}
export interface TodayQueueDto {
  date: string;
  now: string;
  duty: DutyDayDto;
  items: QueueItemDto[];
  counts: { waiting: number; receiving: number; done: number };
}
export interface HistoryItemDto {
  /** Sorts newest first: the day, then the moment it was recorded. */
  on: string;
  at: string;
  kind: 'visit' | 'matter' | 'reception' | 'instruction' | 'reply' | 'notice' | 'step';
  title: string;
  text: string;
  matterId: number;
  caseNo: string;
  visitId: number | null;
  instructionId: number | null;
  /** For an instruction: open, done, or overdue. */
  badge: string | null;
}
export interface PersonHistoryDto {
  person: PersonHit & { birthDate: string | null; address: string; noIdReason: string | null; phonesMasked: string[] };
  matters: (MatterBrief & { stateLabel: string })[];
  items: HistoryItemDto[];
}
export interface NoticeDto {
  kind: 'accept' | 'reject' | 'extend' | 'reply';
  title: string;
  paragraphs: string[];
  caseNo: string;
  centerName: string;
  date: string;
}

/** The signed-in user, as the frame shows them. */
export interface Me {
  username: string;
  displayName: string;
  role: Role;
  mustChange: boolean;
  locked: boolean;
}
export interface AuthStatus {
  /** false on a fresh install: the first admin must be created. */
  hasUsers: boolean;
  me: Me | null;
}
export interface LoginResult {
  token: string;
  me: Me;
}
export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  mustChange: boolean;
  lockedUntil: string | null;
  createdAt: string;
}
export interface AuditRowDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  hash: string;
}

/** 数据包 (issue 7): the admin page's view of keys, the county recipient and the last bundle. */
export interface BundleStatusDto {
  township: string | null;
  key: {
    fingerprint: string;
    suite: 'ed25519' | 'sm2';
    publicKey: string;
    createdAt: string;
    storage: 'file' | 'safeStorage';
    available: boolean;
  } | null;
  county: { set: boolean; recipient: string | null; rootFingerprint: string | null; name: string | null; setAt: string | null };
  last: { sequence: number; createdAt: string; expiresAt: string; file: string; size: number; full: boolean; sha256: string } | null;
  /** Journal entries not yet in a bundle. */
  pending: number;
  exportsDir: string;
}
export interface ExportJobDto {
  id: string;
  state: 'running' | 'done' | 'failed';
  phase: 'rows' | 'files' | 'encrypt' | 'write';
  percent: number;
  result: { file: string; sequence: number; size: number; full: boolean; sha256: string; counts: Record<string, { rows: number; deletes: number }> } | null;
  error: { code: string; message_zh: string; incident?: string } | null;
}

// ---- Input schemas -------------------------------------------------------------------------
const townshipCode = z
  .string({ error: '请选择乡镇' })
  .regex(/^[A-Z]{2,4}$/, { error: '乡镇代码格式不正确' });

const text = (max: number, required: string | null, tooLong: string) =>
  required
    ? z.string({ error: required }).trim().min(1, { error: required }).max(max, { error: tooLong })
    : z.string().trim().max(max, { error: tooLong });
const id = z.number({ error: '缺少编号' }).int().positive();

const newPerson = z
  .object({
    name: text(20, '请填写姓名', '姓名不能超过 20 个字'),
    idNumber: z.string().trim().max(30, { error: '身份证号应为 18 位' }).default(''),
    noIdReason: text(100, null, '原因不能超过 100 个字').default(''),
    sex: z.enum(['M', 'F'], { error: '请选择性别' }).optional(),
    birthDate: z.iso.date({ error: '出生日期格式应为 YYYY-MM-DD' }).optional(),
    phones: z.array(z.string().max(30, { error: '电话号码格式不正确' })).max(3, { error: '最多登记 3 个电话' }).default([]),
    villageId: id.optional(),
    address: text(100, null, '住址不能超过 100 个字').default(''),
    /** The operator saw the likely duplicates and says this is someone else. */
    confirmedNotDuplicate: z.boolean().default(false),
  })
  .strict();

const participant = z
  .object({
    person: z.union([z.object({ personId: id }).strict(), newPerson]),
    representative: z.boolean().default(false),
  })
  .strict();

const newMatter = z
  .object({
    purpose: z.enum(PURPOSES, { error: '请选择信访目的' }),
    category: z.enum(CATEGORIES, { error: '请选择内容分类' }),
    tags: z.array(z.enum(Object.keys(QUICK_TAGS) as [string, ...string[]])).max(6).default([]),
    request: text(2000, '请填写诉求', '诉求不能超过 2000 字'),
    facts: text(10000, null, '事实和理由不能超过 10000 字').default(''),
    placeVillageId: id.optional(),
    levelSkips: z
      .array(
        z.object({
          level: z.enum(Object.keys(SKIP_LEVELS) as [string, ...string[]], { error: '越级层级不正确' }),
          visitedOn: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
        }),
      )
      .max(4)
      .default([]),
  })
  .strict();

const registerInput = z
  .object({
    participants: z.array(participant).min(1, { error: '请至少登记一名来访人' }).max(50, { error: '一次最多登记 50 人' }),
    visit: z
      .object({
        visitedAt: z.iso.datetime({ offset: true, error: '来访时间格式不正确' }).optional(),
        channel: z.enum(CHANNELS, { error: '请选择信访形式' }).default('走访'),
        headcount: z.number({ error: '请填写来访人数' }).int().min(1, { error: '来访人数至少为 1' }).max(10000),
        involved: z.number({ error: '请填写涉及人数' }).int().min(1, { error: '涉及人数至少为 1' }).max(1000000),
      })
      .strict(),
    /** Either a new matter, or this visit is a repeat visit on an existing one. */
    matter: z.union([z.object({ existingId: id }).strict(), newMatter]),
    attachments: z
      .array(
        z
          .object({
            fileName: text(200, '附件缺少文件名', '文件名过长'),
            mime: z.string().max(100).default('application/octet-stream'),
            dataBase64: z.string().max(28 * 1024 * 1024, { error: '单个附件不能超过 20 MB' }),
          })
          .strict(),
      )
      .max(10, { error: '一次最多上传 10 个附件' })
      .default([]),
  })
  .strict();

const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const short = (label: string, max = 100) => text(max, `请填写${label}`, `${label}不能超过 ${max} 字`);
const none = z.object({}).strict().default({});
const step = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ matterId: id, type: z.literal(type), on: date.optional(), data, reason: text(2000, null, '原因不能超过 2000 字').default('') }).strict();

/** One entry per event type: the data each step must carry, validated before any rule runs. */
const stepInput = z.discriminatedUnion('type', [
  step('accept', none),
  step('reject', z.object({ redirect: z.enum(Object.keys(REDIRECTS) as [keyof typeof REDIRECTS], { error: '请选择应当通过的途径' }), body: short('受理机关') }).strict()),
  step('transfer', z.object({ mode: z.enum(['转送', '交办'], { error: '请选择转送或交办' }), unit: short('接收单位') }).strict()),
  step('start', z.object({ unit: short('责任单位'), handler: short('承办人', 20) }).strict()),
  step('extend', z.object({ days: z.number({ error: '请填写延长天数' }).int().min(1, { error: '延长天数至少为 1' }).max(30, { error: '延长期限不得超过 30 日' }), approver: short('批准人', 20) }).strict()),
  step('reply', z.object({ facts: short('查明的事实', 5000), basis: short('处理依据（政策或法律）', 2000), decision: short('处理意见', 5000) }).strict()),
  step('close', none),
  step('evaluate', z.object({ result: z.enum(EVALUATIONS, { error: '请选择评价结果' }) }).strict()),
  step('review_request', none),
  step('review_result', z.object({ outcome: short('复查结论', 2000) }).strict()),
  step('recheck_request', none),
  step('recheck_result', z.object({ outcome: short('复核结论', 2000) }).strict()),
  step('settle', none),
  step('inquiry', z.object({ causeType: z.enum(CAUSE_TYPES, { error: '请选择成因类型' }), findings: short('调查结论', 5000), unit: text(100, null, '责任单位不能超过 100 字').default(''), accountability: text(2000, null, '追责情况不能超过 2000 字').default('') }).strict()),
  step('inquiry_close', none),
  step('assign', z.object({ kind: z.enum(ASSIGN_KINDS, { error: '请选择包案类别' }), leader: short('包案领导', 20), group: z.array(z.string().trim().min(1).max(20)).max(20).default([]), plan: short('化解方案', 5000), targetDate: date, source: text(100, null, '交办来源不能超过 100 字').optional(), batch: text(100, null, '批次不能超过 100 字').optional() }).strict()),
  step('ledger', z.object({ analysis: text(5000, null, '问题分析不能超过 5000 字').optional(), plan: text(5000, null, '对策不能超过 5000 字').optional(), result: text(5000, null, '化解结果不能超过 5000 字').optional() }).strict()),
  step('link_project', z.object({ projectId: id.nullable() }).strict()),
  step('overdue_reason', none),
]);

const username = z.string({ error: '请填写用户名' }).trim().toLowerCase().regex(/^[a-z][a-z0-9_.-]{2,31}$/, { error: '用户名为 3–32 位小写字母、数字或 ._-，以字母开头' });
const password = z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(200, { error: '密码过长' });
const role = z.enum(ROLES, { error: '请选择角色' });

// ---- The table ----------------------------------------------------------------------------
interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  roles: readonly Role[];
  /**
   * Required on purpose, so every new method decides: a 'write' or a 'reveal' (full ID or phone
   * shown) leaves an audit entry; a 'read' does not.
   */
  kind: 'read' | 'write' | 'reveal';
  /** Callable before signing in (the login screen needs these). */
  public?: boolean;
  /** A background poll: does not count as the user being active (idle lock). */
  passive?: boolean;
  /** The handler runs its own transactions (login must record a failure and still refuse). */
  selfTx?: boolean;
  /** Phantom: carries the output type; never set at run time. */
  output?: O;
}
const method =
  <O>() =>
  <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, 'output'>): MethodSpec<I, O> =>
    spec;

export const contract = {
  'system.info': method<SystemInfo>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read', public: true }),
  'system.configure': method<SystemInfo>()({
    input: z
      .object({
        township: townshipCode.optional(),
        phone: z.string().trim().max(30, { error: '电话号码格式不正确' }).optional(),
        dayMode: z.enum(['calendar', 'working'], { error: '期限计算方式不正确' }).optional(),
        backupKeepDays: z.number({ error: '请填写保留天数' }).int().min(7, { error: '备份至少保留 7 天' }).max(3650, { error: '备份最多保留 3650 天' }).optional(),
      })
      .strict(),
    roles: ADMIN, kind: 'write',
  }),
  'reference.lists': method<ReferenceLists>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read' }),
  'townships.list': method<TownshipDto[]>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read' }),
  'villages.list': method<VillageDto[]>()({
    input: z.object({ township: townshipCode.optional() }).strict(),
    roles: ANYONE, kind: 'read',
  }),
  'villages.add': method<VillageDto>()({
    input: z
      .object({
        township: townshipCode.optional(),
        name: z.string({ error: '请填写村（社区）名称' }).max(200, { error: '村（社区）名称不能超过 30 个字' }),
      })
      .strict(),
    roles: ADMIN, kind: 'write',
  }),
  'persons.search': method<PersonHit[]>()({
    input: z.object({ q: z.string().max(40, { error: '查询内容过长' }), limit: z.number().int().min(1).max(50).default(12) }).strict(),
    roles: ANYONE, kind: 'read',
  }),
  'persons.check': method<PersonCheck>()({ input: newPerson, roles: ANYONE, kind: 'read' }),
  'persons.duplicates': method<PersonHit[]>()({
    input: z
      .object({
        name: z.string().trim().max(20),
        phones: z.array(z.string().max(30)).max(3).default([]),
        villageId: id.optional(),
      })
      .strict(),
    roles: ANYONE, kind: 'read',
  }),
  'matters.ofPersons': method<MatterBrief[]>()({
    input: z.object({ personIds: z.array(id).max(50) }).strict(),
    roles: ANYONE, kind: 'read',
  }),
  'visits.register': method<RegisterResult>()({ input: registerInput, roles: DESK, kind: 'write' }),
  'matters.receipt': method<Receipt>()({ input: z.object({ matterId: id }).strict(), roles: DESK, kind: 'read' }),
  'matters.get': method<MatterDetail>()({ input: z.object({ matterId: id }).strict(), roles: ANYONE, kind: 'read' }),
  'matters.step': method<MatterDetail>()({ input: stepInput, roles: ANYONE, kind: 'write' }),
  'matters.correct': method<MatterDetail>()({
    input: z
      .object({
        matterId: id,
        eventId: id,
        on: date.optional(),
        data: z.record(z.string(), z.unknown()).optional(),
        void: z.boolean().optional(),
        reason: short('更正原因', 500),
      })
      .strict(),
    roles: ANYONE, kind: 'write',
  }),
  'matters.list': method<MatterRowDto[]>()({
    input: z
      .object({
        view: z.enum(['open', 'due3', 'overdue', 'closed', 'all']).default('open'),
        unit: z.string().max(100).optional(),
        handler: z.string().max(20).optional(),
        leader: z.string().max(20).optional(),
        projectId: id.optional(),
        batch: z.string().max(100).optional(),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    roles: ANYONE, kind: 'read',
  }),
  'matters.counts': method<{ overdue: number; dueSoon: number }>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read', passive: true }),
  'matters.groups': method<{ key: string | null; open: number; overdue: number }[]>()({
    input: z.object({ by: z.enum(['unit', 'handler']) }).strict(),
    roles: ANYONE, kind: 'read',
  }),
  'matters.batches': method<{ batch: string; handedDown: number; resolved: number }[]>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read' }),
  'projects.list': method<ProjectDto[]>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read' }),
  'projects.add': method<ProjectDto>()({
    input: z
      .object({ name: short('项目名称', 50), description: text(2000, null, '说明不能超过 2000 字').default(''), assessedOn: date.optional() })
      .strict(),
    roles: ANYONE, kind: 'write',
  }),
  'stats.assessment': method<AssessmentFigures>()({
    input: z.object({ from: date, to: date }).strict(),
    roles: ANYONE, kind: 'read',
  }),
  'notices.render': method<NoticeDto>()({
    input: z.object({ matterId: id, kind: z.enum(['accept', 'reject', 'extend', 'reply']) }).strict(),
    roles: ANYONE, kind: 'read',
  }),
  'auth.status': method<AuthStatus>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read', public: true, passive: true }),
  'auth.setup': method<LoginResult>()({
    input: z.object({ username, displayName: short('姓名', 20), password }).strict(),
    roles: ANYONE,
    kind: 'write',
    public: true,
  }),
  'auth.login': method<LoginResult>()({
    input: z.object({ username, password }).strict(),
    roles: ANYONE,
    kind: 'write',
    public: true,
    selfTx: true,
  }),
  'auth.logout': method<null>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'write' }),
  'auth.lock': method<null>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'write', passive: true }),
  'auth.unlock': method<Me>()({ input: z.object({ password }).strict(), roles: ANYONE, kind: 'write', selfTx: true }),
  'auth.changePassword': method<Me>()({ input: z.object({ current: password, next: password }).strict(), roles: ANYONE, kind: 'write' }),
  'users.list': method<UserDto[]>()({ input: z.object({}).strict(), roles: ADMIN, kind: 'read' }),
  'users.create': method<UserDto>()({
    input: z.object({ username, displayName: short('姓名', 20), role, password }).strict(),
    roles: ADMIN,
    kind: 'write',
  }),
  'users.update': method<UserDto>()({
    input: z.object({ userId: id, displayName: short('姓名', 20).optional(), role: role.optional(), active: z.boolean().optional() }).strict(),
    roles: ADMIN,
    kind: 'write',
  }),
  'users.resetPassword': method<UserDto>()({ input: z.object({ userId: id, password }).strict(), roles: ADMIN, kind: 'write' }),
  'audit.list': method<AuditRowDto[]>()({
    input: z
      .object({
        from: date.optional(),
        to: date.optional(),
        actor: z.string().max(32).optional(),
        action: z.string().max(64).optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    roles: ADMIN,
    kind: 'read',
  }),
  'audit.verify': method<{ ok: boolean; entries: number; brokenAt: number | null }>()({ input: z.object({}).strict(), roles: ADMIN, kind: 'read' }),
  // ---- 领导接访日 (issue 6). The duty leader receives and instructs; anyone at the desk may follow up.
  'leaders.list': method<LeaderDto[]>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read' }),
  'leaders.save': method<LeaderDto[]>()({
    input: z
      .object({
        id: id.optional(),
        name: short('姓名', 20),
        title: short('职务', 20),
        role: z.enum(['main', 'deputy'], { error: '请选择主要领导或副职' }),
        active: z.boolean().default(true),
        sortOrder: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
    roles: ADMIN,
    kind: 'write',
  }),
  'roster.month': method<DutyDayDto[]>()({
    input: z.object({ month: z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' }) }).strict(),
    roles: ANYONE,
    kind: 'read',
  }),
  'roster.today': method<DutyDayDto>()({ input: z.object({}).strict(), roles: ANYONE, kind: 'read', passive: true }),
  'roster.set': method<DutyDayDto>()({
    input: z.object({ date, leaderId: id.nullable(), note: text(100, null, '说明不能超过 100 字').default('') }).strict(),
    roles: ADMIN,
    kind: 'write',
  }),
  'roster.clear': method<DutyDayDto>()({ input: z.object({ date }).strict(), roles: ADMIN, kind: 'write' }),
  'roster.swap': method<DutyDayDto[]>()({
    input: z.object({ a: date, b: date, note: text(100, null, '说明不能超过 100 字').default('') }).strict(),
    roles: ADMIN,
    kind: 'write',
  }),
  'today.queue': method<TodayQueueDto>()({ input: z.object({ date: date.optional() }).strict(), roles: ANYONE, kind: 'read', passive: true }),
  'reception.start': method<QueueItemDto>()({
    input: z.object({ visitId: id, leader: text(40, null, '领导姓名不能超过 40 字').optional() }).strict(),
    roles: ['leader', 'admin'],
    kind: 'write',
  }),
  'reception.save': method<QueueItemDto>()({
    input: z
      .object({
        visitId: id,
        heard: text(5000, null, '听取情况不能超过 5000 字').default(''),
        answered: text(5000, null, '答复意见不能超过 5000 字').default(''),
        /** Also mark the visitor received and write the record into the matter's events. */
        finish: z.boolean().default(false),
      })
      .strict(),
    roles: ['leader', 'admin'],
    kind: 'write',
  }),
  'instructions.add': method<InstructionDto>()({
    input: z
      .object({
        matterId: id,
        visitId: id.optional(),
        text: short('批示内容', 2000),
        responsible: short('责任单位或责任人', 50),
        dueDate: date.optional(),
        leader: text(40, null, '领导姓名不能超过 40 字').optional(),
      })
      .strict(),
    roles: ['leader', 'admin'],
    kind: 'write',
  }),
  'instructions.note': method<InstructionDto>()({
    input: z.object({ instructionId: id, note: short('跟进情况', 2000) }).strict(),
    roles: ANYONE,
    kind: 'write',
  }),
  'instructions.done': method<InstructionDto>()({
    input: z.object({ instructionId: id, note: short('办理结果', 2000) }).strict(),
    roles: ANYONE,
    kind: 'write',
  }),
  'instructions.list': method<InstructionDto[]>()({
    input: z
      .object({
        responsible: z.string().trim().max(50).optional(),
        state: z.enum(['open', 'done', 'all']).default('open'),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    roles: ANYONE,
    kind: 'read',
  }),
  'instructions.responsibles': method<{ responsible: string; open: number; overdue: number; total: number }[]>()({
    input: z.object({}).strict(),
    roles: ANYONE,
    kind: 'read',
  }),
  'persons.history': method<PersonHistoryDto>()({ input: z.object({ personId: id }).strict(), roles: ANYONE, kind: 'read' }),
  /** The full ID number and phones: audited (kind 'reveal'). */
  'persons.reveal': method<{ personId: number; idNumber: string | null; phones: string[] }>()({
    input: z.object({ personId: id }).strict(),
    roles: ANYONE,
    kind: 'reveal',
  }),
  'bundles.status': method<BundleStatusDto>()({ input: z.object({}).strict(), roles: ADMIN, kind: 'read' }),
  'bundles.setCounty': method<BundleStatusDto>()({
    input: z
      .object({
        card: z.string().max(20000, { error: '密钥卡内容过长' }).optional(),
        recipient: z.string().trim().max(2000, { error: '接收密钥过长' }).optional(),
        fingerprint: z.string().max(100).optional(),
        replaceRoot: z.boolean().default(false),
      })
      .strict(),
    roles: ADMIN,
    kind: 'write',
  }),
  'bundles.exportStart': method<ExportJobDto>()({ input: z.object({ full: z.boolean().default(false) }).strict(), roles: ADMIN, kind: 'write' }),
  'bundles.exportStatus': method<ExportJobDto>()({
    input: z.object({ jobId: z.uuid({ error: '没有这个导出任务' }) }).strict(),
    roles: ADMIN,
    kind: 'read',
    passive: true,
  }),
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (before defaults and transforms). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export interface CallFailure {
  ok: false;
  code: string;
  message_zh: string;
  /** Dotted path of the input field the message belongs next to. */
  field?: string;
  /** Set for unexpected errors: quote it to the admin; the log has the rest. */
  incident?: string;
}
export type CallResult<T> = { ok: true; value: T } | CallFailure;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
