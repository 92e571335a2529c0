import { z } from 'zod';
import { CATEGORIES, PURPOSES } from '../../domain/categories.js';
import type {
  AssignResultDto, BatchViewDto, BundleCheckDto, CountyImportsDto, CountyMatterRowDto, CountyPersonDto, CountyPersonRowDto, ImportResultDto, StandingDto, SupervisionDto,
} from '../../domain/views/county.js';
import { WATCH_LISTS } from '../../domain/views/county.js';
import type { XlsxFileDto } from '../../domain/views/stats.js';
import { ADMIN, ANYONE, date, DESK, townshipCode } from './spec.js';
import { method, type Namespace } from './spec.js';

/**
 * The `county.*` methods: the 县信访局 workstation (`intake county serve`). A township desk answers
 * every one of them with COUNTY_ONLY and does not list them in its capabilities; the county host
 * lists them, and that is how the renderer knows it is a county.
 */
/** A bundle file read in the browser: at most what one HTTP call carries (32 MiB as base64). */
const upload = z
  .object({
    fileName: z.string().min(1, { error: '缺少文件名' }).max(255, { error: '文件名过长' }),
    dataBase64: z.string().min(1, { error: '文件为空' }).max(32 * 1024 * 1024, { error: '数据包过大，请用命令行 intake county import 导入' }),
  })
  .strict();

const line = (max: number, label: string) => z.string().trim().max(max, { error: `${label}不能超过 ${max} 个字` });

/** One 交办件 of a batch: the petitioner, the request, the deadline, the responsible leader if named. */
export const assignItem = z
  .object({
    person: z
      .object({
        name: z.string().trim().min(1, { error: '请填写信访人姓名' }).max(20, { error: '姓名不能超过 20 个字' }),
        idNumber: z.string().trim().regex(/^(\d{17}[\dX])?$/, { error: '身份证号应为 18 位' }).optional(),
        phone: line(30, '电话').optional(),
        address: line(100, '住址').optional(),
      })
      .strict(),
    purpose: z.enum(PURPOSES, { error: '请选择信访目的' }).default('申诉求决'),
    category: z.enum(CATEGORIES, { error: '请选择内容分类' }),
    request: z.string().trim().min(1, { error: '请填写诉求' }).max(5000, { error: '诉求不能超过 5000 字' }),
    facts: line(5000, '事实和理由').optional(),
    deadline: date,
    leader: line(20, '责任领导').optional(),
  })
  .strict();

export const assignInput = z
  .object({
    township: townshipCode,
    source: z.string().trim().min(1, { error: '请填写交办来源，如 省联席办' }).max(100, { error: '交办来源不能超过 100 字' }),
    batch: z.string().trim().min(1, { error: '请填写批次，如 2026 第3批' }).max(100, { error: '批次不能超过 100 字' }),
    validDays: z.number().int().min(1, { error: '有效期至少 1 天' }).max(90, { error: '有效期最多 90 天' }).optional(),
    items: z.array(assignItem).min(1, { error: '至少交办 1 件' }).max(1000, { error: '一批最多 1000 件' }),
  })
  .strict();

export const countyMethods = {
  'county.overview': method<CountyImportsDto>()({ input: z.object({}).strict(), roles: ANYONE, label: '查看各乡镇数据包接收情况', kind: 'read' }),
  'county.check': method<BundleCheckDto>()({ input: upload, roles: DESK, label: '校验数据包', kind: 'write' }),
  'county.import': method<ImportResultDto>()({
    input: z.object({ stagedId: z.string().regex(/^[0-9a-f]{16}$/, { error: '数据包编号不正确' }) }).strict(),
    roles: DESK,
    label: '导入数据包',
    kind: 'write',
  }),
  'county.setLateDays': method<CountyImportsDto>()({
    input: z.object({ days: z.number({ error: '请填写天数' }).int().min(1, { error: '至少 1 天' }).max(365, { error: '最多 365 天' }) }).strict(),
    roles: ADMIN,
    label: '设置数据包逾期天数',
    kind: 'write',
  }),
  'county.standing': method<StandingDto>()({ input: z.object({ from: date, to: date }).strict(), roles: ANYONE, label: '各乡镇工作排名', kind: 'read' }),
  'county.townshipMatters': method<CountyMatterRowDto[]>()({
    input: z.object({ township: townshipCode, from: date.optional(), to: date.optional() }).strict(),
    roles: ANYONE,
    label: '查看乡镇信访事项',
    kind: 'read',
  }),
  'county.searchPersons': method<CountyPersonRowDto[]>()({
    input: z.object({ query: z.string().trim().min(1, { error: '请输入身份证号、姓名或拼音首字母' }).max(30, { error: '查询内容过长' }) }).strict(),
    roles: ANYONE,
    label: '全县查询信访人',
    kind: 'read',
  }),
  /** 多乡镇登记, 越级 or 重复信访 persons, county-wide. */
  'county.watchList': method<CountyPersonRowDto[]>()({
    input: z.object({ list: z.enum(WATCH_LISTS, { error: '名单种类不正确' }) }).strict(),
    roles: ANYONE,
    label: '全县重点信访人名单',
    kind: 'read',
  }),
  'county.person': method<CountyPersonDto>()({
    input: z.object({ key: z.string().min(1).max(40) }).strict(),
    roles: ANYONE,
    label: '查看信访人全县事项',
    kind: 'read',
  }),
  /** 督查督办: every township's overdue and due-soon matters, from the desks' own lists. */
  'county.supervision': method<SupervisionDto>()({ input: z.object({}).strict(), roles: ANYONE, label: '全县督查督办', kind: 'read' }),
  /** The 通报's tables as one workbook: the ranking for the period and the 督查督办 lists (no personal data). */
  'county.exportXlsx': method<XlsxFileDto>()({ input: z.object({ from: date, to: date }).strict(), roles: ANYONE, label: '导出全县通报（电子表格）', kind: 'read' }),
  /** 交办件: a batch of matters for one township, signed, numbered, chained and encrypted to it (issue 18). */
  'county.assign': method<AssignResultDto>()({ input: assignInput, roles: DESK, label: '下发交办件', kind: 'write' }),
  /** Per batch and township: handed down and resolved. */
  'county.batches': method<BatchViewDto>()({ input: z.object({}).strict(), roles: ANYONE, label: '交办件批次情况', kind: 'read' }),
} satisfies Namespace<'county'>;
