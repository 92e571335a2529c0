import { z } from 'zod';
import type { TownshipDto } from '../../domain/views/center.js';
import { ANYONE } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `townships.*` methods. */
export const townshipsMethods = {
  'townships.list': method<TownshipDto[]>()({ input: z.object({}).strict(), roles: ANYONE, label: '读取乡镇列表', kind: 'read' }),
} satisfies Namespace<'townships'>;
