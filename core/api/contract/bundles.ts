import { z } from 'zod';
import { ADMIN } from './spec.js';
import { method, type Namespace } from './spec.js';

/** 数据包 (issue 7): the admin page's view of keys, the county recipient and the last bundle. */
export interface BundleStatusDto {
  township: string | null;
  key: {
    fingerprint: string;
    suite: 'ed25519' | 'sm2';
    publicKey: string;
    createdAt: string;
    storage: 'file' | 'safeStorage';
    available: boolean;
  } | null;
  county: { set: boolean; recipient: string | null; rootFingerprint: string | null; name: string | null; setAt: string | null };
  last: { sequence: number; createdAt: string; expiresAt: string; file: string; size: number; full: boolean; sha256: string } | null;
  /** Journal entries not yet in a bundle. */
  pending: number;
  exportsDir: string;
}
export interface ExportJobDto {
  id: string;
  state: 'running' | 'done' | 'failed';
  phase: 'rows' | 'files' | 'encrypt' | 'write';
  percent: number;
  result: { file: string; sequence: number; size: number; full: boolean; sha256: string; counts: Record<string, { rows: number; deletes: number }> } | null;
  error: { code: string; message_zh: string; incident?: string } | null;
}

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
