import { z } from 'zod';
import type { BundleStatusDto, ExportJobDto } from '../../domain/views/bundles.js';
import type { JobDto } from '../../domain/views/jobs.js';
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
  /** A file from the county (issue 18): its receipt for a bundle, or a 交办件 batch; checked, then imported in one transaction. */
  'bundles.importFromCounty': method<JobDto>()({
    input: z
      .object({
        fileName: z.string().min(1, { error: '缺少文件名' }).max(255, { error: '文件名过长' }),
        dataBase64: z.string().min(1, { error: '文件为空' }).max(32 * 1024 * 1024, { error: '文件过大' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容不正确' }),
      })
      .strict(),
    roles: ADMIN,
    label: '导入县信访局回执或交办件',
    kind: 'job',
  }),
  'bundles.setReceiptDays': method<BundleStatusDto>()({
    input: z.object({ days: z.number({ error: '请填写天数' }).int({ error: '天数应为整数' }).min(1, { error: '至少 1 天' }).max(90, { error: '最多 90 天' }) }).strict(),
    roles: ADMIN,
    label: '设置回执提醒天数',
    kind: 'write',
  }),
} satisfies Namespace<'bundles'>;
