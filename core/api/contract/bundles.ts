import { z } from 'zod';
import type { BundleStatusDto, ExportJobDto } from '../../domain/views/bundles.js';
import { ADMIN } from './spec.js';
import { method, type Namespace } from './spec.js';


/** The `bundles.*` methods. */
export const bundlesMethods = {
  'bundles.status': method<BundleStatusDto>()({ input: z.object({}).strict(), roles: ADMIN, label: '数据包状态', kind: 'read' }),
  'bundles.setCounty': method<BundleStatusDto>()({
    input: z
      .object({
        card: z.string().max(20000, { error: '密钥卡内容过长' }).optional(),
        recipient: z.string().trim().max(2000, { error: '接收密钥过长' }).optional(),
        fingerprint: z.string().max(100).optional(),
        replaceRoot: z.boolean().default(false),
      })
      .strict(),
    roles: ADMIN,
    label: '设置县信访局公钥', kind: 'write',
  }),
  'bundles.exportStart': method<ExportJobDto>()({ input: z.object({ full: z.boolean().default(false) }).strict(), roles: ADMIN, label: '导出数据包', kind: 'write' }),
  'bundles.exportStatus': method<ExportJobDto>()({
    input: z.object({ jobId: z.uuid({ error: '没有这个导出任务' }) }).strict(),
    roles: ADMIN,
    label: '导出进度', kind: 'read',
    passive: true,
  }),
} satisfies Namespace<'bundles'>;
