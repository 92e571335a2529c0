import { z } from 'zod';
import { ADMIN, ANYONE, townshipCode } from './spec.js';
import { method, type Namespace } from './spec.js';

export interface VillageDto {
  id: number;
  townshipCode: string;
  name: string;
  /** pinyin initials, so pickers filter by 'tyc' for 桃园村 */
  initials: string;
}

/** The `villages.*` methods. */
export const villagesMethods = {
  'villages.list': method<VillageDto[]>()({
    input: z.object({ township: townshipCode.optional() }).strict(),
    roles: ANYONE, label: '读取村（社区）列表', kind: 'read',
  }),
  'villages.add': method<VillageDto>()({
    input: z
      .object({
        township: townshipCode.optional(),
        name: z.string({ error: '请填写村（社区）名称' }).max(30, { error: '村（社区）名称不能超过 30 个字' }),
      })
      .strict(),
    roles: ADMIN, label: '新增村（社区）', kind: 'write',
  }),
} satisfies Namespace<'villages'>;
