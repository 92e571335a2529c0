import { z } from 'zod';
import type { TownshipDto } from '../../domain/views/center.js';
import { ANYONE } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `townships.*` methods. */
export const townshipsMethods = {
  /** Public: the first-start screen picks the center's township from it (the 22 names are no secret). */
  'townships.list': method<TownshipDto[]>()({ input: z.object({}).strict(), roles: ANYONE, label: '读取乡镇列表', kind: 'read', public: true, whileLocked: true, whileMustChange: true }),
} satisfies Namespace<'townships'>;
