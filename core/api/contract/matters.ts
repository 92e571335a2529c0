import { z } from 'zod';
import { CATEGORIES } from '../../domain/categories.js';
import { CASE_STATES } from '../../domain/case-state.js';
import type { MatterBrief, MatterDetail, MatterRowDto } from '../../domain/views/matter.js';
import type { JobDto } from '../../domain/views/jobs.js';
import { ANYONE, DESK, date, id, short } from './spec.js';
import { stepInput } from './steps.js';
import { method, type Namespace } from './spec.js';

export type { MatterRowDto };

export interface Receipt {
  caseNo: string;
  centerName: string;
  centerPhone: string;
  registeredAt: string;
  decisionDue: string;
  /** Whether the decision is still to be told (false once accepted, rejected or transferred). */
  decisionPending: boolean;
  persons: string[];
  /** The persons in registration order, each marked when they represent the group (集体访). */
  participants: { name: string; representative: boolean }[];
  isGroup: boolean;
  category: string;
  purpose: string;
  visits: number;
  /** Printed under the QR code; derived from the center's key so a forged receipt is recognisable. */
  check: string;
  qrText: string;
}

/** What the 信访事项 list filters by; the export takes the same. */
const listFilters = {
  view: z.enum(['open', 'due3', 'overdue', 'closed', 'all']).default('open'),
  unit: z.string().max(100).optional(),
  handler: z.string().max(20).optional(),
  leader: z.string().max(20).optional(),
  projectId: id.optional(),
  batch: z.string().max(100).optional(),
  /** A case number (or its start), a party's name (or its start), or the last digits of a party's ID number. */
  q: z.string().trim().max(40, { error: '查询内容过长' }).optional(),
  category: z.enum(CATEGORIES, { error: '内容分类不正确' }).optional(),
  state: z.enum(CASE_STATES, { error: '办理状态不正确' }).optional(),
  /** Replied and awaiting the petitioner's evaluation: still in the window, or past it. */
  evaluation: z.enum(['待评价', '超期未评价'], { error: '评价状态不正确' }).optional(),
  /** Registered from / to (Beijing dates, both days included). */
  from: date.optional(),
  to: date.optional(),
};

/** The `matters.*` methods. */
export const mattersMethods = {
  'matters.ofPersons': method<MatterBrief[]>()({
    input: z.object({ personIds: z.array(id).max(50) }).strict(),
    roles: ANYONE, label: '查看来访人的事项', kind: 'read',
  }),
  'matters.receipt': method<Receipt>()({ input: z.object({ matterId: id }).strict(), roles: DESK, label: '打印登记回执', kind: 'read' }),
  'matters.get': method<MatterDetail>()({ input: z.object({ matterId: id }).strict(), roles: ANYONE, label: '查看信访事项', kind: 'read' }),
  'matters.step': method<MatterDetail>()({ input: stepInput, roles: ANYONE, label: '事项办理', kind: 'write' }),
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
    roles: ANYONE, label: '更正办理记录', kind: 'write',
  }),
  'matters.list': method<MatterRowDto[]>()({
    input: z
      .object({
        ...listFilters,
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    roles: ANYONE, label: '信访事项列表', kind: 'read',
  }),
  /** The list as it stands (the same filters), as an xlsx workbook: a job whose result carries the file (base64). */
  'matters.export': method<JobDto>()({ input: z.object(listFilters).strict(), roles: ANYONE, label: '导出信访事项清单', kind: 'job' }),
  /** The same matters in the national record's columns (匿名, 联名, 初次/重复信访, 积案 …), for entry into the national system. */
  'matters.exportNational': method<JobDto>()({ input: z.object(listFilters).strict(), roles: ANYONE, label: '导出全国信访信息系统登记项', kind: 'job' }),
  'matters.counts': method<{ overdue: number; dueSoon: number }>()({ input: z.object({}).strict(), roles: ANYONE, label: '到期提醒计数', kind: 'read', passive: true }),
  'matters.groups': method<{ key: string | null; open: number; overdue: number }[]>()({
    input: z.object({ by: z.enum(['unit', 'handler']) }).strict(),
    roles: ANYONE, label: '按单位或承办人汇总', kind: 'read',
  }),
  'matters.batches': method<{ batch: string; handedDown: number; resolved: number }[]>()({ input: z.object({}).strict(), roles: ANYONE, label: '交办批次汇总', kind: 'read' }),
} satisfies Namespace<'matters'>;
