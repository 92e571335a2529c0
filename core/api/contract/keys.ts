import { z } from 'zod';
import type { KeyInfoDto, KeyRotationDto, RecoveryKeyDto } from '../../domain/views/keys.js';
import { ADMIN } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `keys.*` methods: the center's bundle signing key and the paper recovery key of its backups. */
export const keysMethods = {
  'keys.status': method<KeyInfoDto | null>()({ input: z.object({}).strict(), roles: ADMIN, label: '查看签名密钥', onWriter: true, kind: 'read' }),
  'keys.rotate': method<KeyRotationDto>()({
    input: z.object({ suite: z.enum(['ed25519', 'sm2'], { error: '签名算法应为 ed25519 或 sm2' }).optional() }).strict(),
    roles: ADMIN,
    label: '更换签名密钥',
    kind: 'write',
  }),
  'keys.recovery': method<RecoveryKeyDto>()({ input: z.object({}).strict(), roles: ADMIN, label: '查看纸质恢复密钥状态', onWriter: true, kind: 'read' }),
  /** The recovery key's secret, to print: only while the desk still holds it; audited. */
  'keys.recoveryShow': method<{ secret: string; recipient: string }>()({ input: z.object({}).strict(), roles: ADMIN, label: '显示纸质恢复密钥', kind: 'reveal' }),
  /** The admin has printed it and put it away: the desk forgets the secret. */
  'keys.recoveryPrinted': method<RecoveryKeyDto>()({ input: z.object({}).strict(), roles: ADMIN, label: '确认恢复密钥已打印保存', kind: 'write' }),
} satisfies Namespace<'keys'>;
