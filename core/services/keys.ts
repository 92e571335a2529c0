/** The center's signing key, for its handlers and the `intake keys` command. */
import type { CoreContext } from '../kernel/context.js';
import type { KeyInfoDto, KeyRotationDto } from '../domain/views/keys.js';
import { centerKeyInfo, rotateCenterKey } from '../bundle/center-keys.js';

export const keyStatus = (ctx: CoreContext): KeyInfoDto | null => centerKeyInfo(ctx);
export const rotateKey = (ctx: CoreContext, suite?: 'ed25519' | 'sm2'): KeyRotationDto => rotateCenterKey(ctx, suite);
