import { z } from 'zod';
import type { SystemInfo } from '../../domain/views/center.js';
import type { JobDto } from '../../domain/views/jobs.js';
import { ADMIN, ANYONE, townshipCode } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `system.*` methods. */
export const systemMethods = {
  'system.info': method<SystemInfo>()({ input: z.object({}).strict(), roles: ANYONE, label: '查看系统信息', whileLocked: true, whileMustChange: true, kind: 'read', public: true }),
  'system.configure': method<SystemInfo & { refoldJob: JobDto | null }>()({
    input: z
      .object({
        township: townshipCode.optional(),
        phone: z.string().trim().max(30, { error: '电话号码格式不正确' }).optional(),
        dayMode: z.enum(['calendar', 'working'], { error: '期限计算方式不正确' }).optional(),
        backupKeepDays: z.number({ error: '请填写保留天数' }).int().min(7, { error: '备份至少保留 7 天' }).max(3650, { error: '备份最多保留 3650 天' }).optional(),
      })
      .strict(),
    roles: ADMIN, label: '修改本中心设置', kind: 'write',
  }),
} satisfies Namespace<'system'>;
