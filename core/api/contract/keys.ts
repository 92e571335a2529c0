import { z } from 'zod';
import type { KeyInfoDto, KeyRotationDto } from '../../domain/views/keys.js';
import { ADMIN } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The `keys.*` methods: the center's bundle signing key. */
export const keysMethods = {
  'keys.status': method<KeyInfoDto | null>()({ input: z.object({}).strict(), roles: ADMIN, label: '查看签名密钥', onWriter: true, kind: 'read' }),
  'keys.rotate': method<KeyRotationDto>()({
    input: z.object({ suite: z.enum(['ed25519', 'sm2'], { error: '签名算法应为 ed25519 或 sm2' }).optional() }).strict(),
    roles: ADMIN,
    label: '更换签名密钥',
    kind: 'write',
  }),
} satisfies Namespace<'keys'>;
