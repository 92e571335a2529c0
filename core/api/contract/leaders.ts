import { z } from 'zod';
import { ADMIN, ANYONE, id, short } from './spec.js';
import { method, type Namespace } from './spec.js';

// 领导接访日 (issue 6): roster, today's queue, receptions, instructions, a person's whole history.
export interface LeaderDto {
  id: number;
  name: string;
  title: string;
  role: 'main' | 'deputy';
  active: boolean;
  sortOrder: number;
}

/** The `leaders.*` methods. */
export const leadersMethods = {
  'leaders.list': method<LeaderDto[]>()({ input: z.object({}).strict(), roles: ANYONE, label: '带班领导列表', kind: 'read' }),
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
    label: '维护带班领导', kind: 'write',
  }),
} satisfies Namespace<'leaders'>;
