import { z } from 'zod';
import { UNIT_KINDS } from '../../domain/units.js';
import type { LoopRowDto, UnitDto, UnitLoadDto } from '../../domain/views/units.js';
import { ADMIN, ANYONE, id, short } from './spec.js';
import { method, type Namespace } from './spec.js';

export type { LoopRowDto, UnitDto, UnitLoadDto };

/** The `units.*` methods: units as reference data, and the loop after 转送/交办 by unit. */
export const unitsMethods = {
  'units.list': method<UnitDto[]>()({ input: z.object({}).strict(), roles: ANYONE, label: '承办单位名录', kind: 'read' }),
  'units.save': method<UnitDto[]>()({
    input: z.object({ id: id.optional(), kind: z.enum(UNIT_KINDS, { error: '请选择单位类别' }), name: short('单位名称', 50), active: z.boolean().optional() }).strict(),
    roles: ADMIN, label: '维护承办单位', kind: 'write',
  }),
  'units.loop': method<LoopRowDto[]>()({
    input: z.object({ unit: z.string().max(100).optional(), view: z.enum(['open', 'all']).default('open') }).strict(),
    roles: ANYONE, label: '转办事项（按单位）', kind: 'read',
  }),
  'units.loads': method<UnitLoadDto[]>()({ input: z.object({}).strict(), roles: ANYONE, label: '各单位在办与超期', kind: 'read' }),
} satisfies Namespace<'units'>;
