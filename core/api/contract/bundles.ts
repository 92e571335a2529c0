import { z } from 'zod';
import type { BundleStatusDto, ExportJobDto } from '../../domain/views/bundles.js';
import { ADMIN } from './spec.js';
import { method, type Namespace } from './spec.js';


/** The `bundles.*` methods. */
export const bundlesMethods = {
  'bundles.status': method<BundleStatusDto>()({ input: z.object({}).strict(), roles: ADMIN, label: '数据包状态', onWriter: true, kind: 'read' }),
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
  'bundles.exportStart': method<ExportJobDto>()({
    input: z
      .object({
        full: z.boolean().default(false),
        /** Where to write it (the CLI's --out); default DATA/exports/. */
        out: z.string().min(1).max(1000, { error: '路径过长' }).optional(),
        validDays: z.number({ error: '请填写有效天数' }).int().min(1, { error: '有效期至少 1 天' }).max(365, { error: '有效期最多 365 天' }).optional(),
      })
      .strict(),
    roles: ADMIN,
    label: '导出数据包',
    kind: 'write',
  }),
  'bundles.exportStatus': method<ExportJobDto>()({
    input: z.object({ jobId: z.uuid({ error: '没有这个导出任务' }) }).strict(),
    roles: ADMIN,
    label: '导出进度', onWriter: true, kind: 'read',
    passive: true,
  }),
} satisfies Namespace<'bundles'>;
