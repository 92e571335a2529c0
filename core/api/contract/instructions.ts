import { z } from 'zod';
import type { InstructionDto } from '../../domain/views/instruction.js';
import { ANYONE, LEADERS, date, id, short, text } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `instructions.*` methods. */
export const instructionsMethods = {
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
    roles: LEADERS,
    label: '领导批示', kind: 'write',
  }),
  'instructions.note': method<InstructionDto>()({
    input: z.object({ instructionId: id, note: short('跟进情况', 2000) }).strict(),
    roles: ANYONE,
    label: '批示跟进', kind: 'write',
  }),
  'instructions.done': method<InstructionDto>()({
    input: z.object({ instructionId: id, note: short('办理结果', 2000) }).strict(),
    roles: ANYONE,
    label: '批示办结', kind: 'write',
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
    label: '批示清单', kind: 'read',
  }),
  'instructions.responsibles': method<{ responsible: string; open: number; overdue: number; total: number }[]>()({
    input: z.object({}).strict(),
    roles: ANYONE,
    label: '按责任单位汇总批示', kind: 'read',
  }),
} satisfies Namespace<'instructions'>;
