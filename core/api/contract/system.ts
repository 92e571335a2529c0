import { z } from 'zod';
import type { SystemInfo } from '../../domain/views/center.js';
import type { JobDto } from '../../domain/views/jobs.js';
import type { Permission, PermissionMatrix } from '../../domain/permissions.js';
import { ROLES } from '../../kernel/roles.js';
import type { MethodFacts } from './facts.js';
import { ADMIN, ANYONE, townshipCode } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `system.*` methods. */
const roleList = z.array(z.enum(ROLES, { error: '角色不正确' })).max(3).optional();

export const systemMethods = {
  'system.info': method<SystemInfo>()({ input: z.object({}).strict(), roles: ANYONE, label: '查看系统信息', whileLocked: true, whileMustChange: true, kind: 'read', public: true }),
  /**
   * The contract as the renderer needs it at run time: each method's roles, label, kind and text limits
   * (./facts.ts). Public, because the sign-in and setup boxes show their limits too; it says nothing a
   * reader of the source could not know.
   */
  'system.capabilities': method<Record<string, MethodFacts>>()({
    input: z.object({}).strict(),
    roles: ANYONE,
    label: '读取功能与权限说明',
    kind: 'read',
    public: true,
    whileLocked: true,
    whileMustChange: true,
  }),
  'system.configure': method<SystemInfo & { refoldJob: JobDto | null }>()({
    input: z
      .object({
        township: townshipCode.optional(),
        phone: z.string().trim().max(30, { error: '电话号码格式不正确' }).optional(),
        dayMode: z.enum(['calendar', 'working'], { error: '期限计算方式不正确' }).optional(),
        backupKeepDays: z.number({ error: '请填写保留天数' }).int().min(7, { error: '备份至少保留 7 天' }).max(3650, { error: '备份最多保留 3650 天' }).optional(),
        instructionDueDays: z.number({ error: '请填写批示期限天数' }).int().min(1, { error: '批示期限至少 1 天' }).max(90, { error: '批示期限最多 90 天' }).optional(),
        attachmentMaxFileMb: z.number({ error: '请填写单个附件上限' }).int().min(1, { error: '单个附件上限至少 1 MB' }).max(2048, { error: '单个附件上限最多 2048 MB' }).optional(),
        attachmentMaxTotalMb: z.number({ error: '请填写每次登记附件合计上限' }).int().min(1, { error: '附件合计上限至少 1 MB' }).max(8192, { error: '附件合计上限最多 8192 MB' }).optional(),
      })
      .strict(),
    roles: ADMIN, label: '修改本中心设置', kind: 'write',
  }),
  /** Who may do the sensitive things inside a method (core/domain/permissions.ts); the frame hides what a role cannot. */
  'system.permissions': method<PermissionMatrix>()({ input: z.object({}).strict(), roles: ANYONE, label: '查看权限设置', kind: 'read' }),
  'system.setPermissions': method<PermissionMatrix>()({
    input: z.object({ reveal: roleList, approveExtension: roleList, correctEvent: roleList, recordStep: roleList } satisfies Record<Permission, typeof roleList>).strict(),
    roles: ADMIN,
    label: '修改权限设置',
    kind: 'write',
  }),
} satisfies Namespace<'system'>;
