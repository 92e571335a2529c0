/** The center's signing key, for its handlers and the `intake keys` command. */
import type { CoreContext } from '../kernel/context.js';
import type { KeyInfoDto, KeyRotationDto, RecoveryKeyDto } from '../domain/views/keys.js';
import { recoveryKeyPrinted, recoveryKeyStatus } from '../bundle/backup-seal.js';
import { IntakeError } from '../kernel/errors.js';
import { centerKeyInfo, rotateCenterKey } from '../bundle/center-keys.js';

export const keyStatus = (ctx: CoreContext): KeyInfoDto | null => centerKeyInfo(ctx);
export const rotateKey = (ctx: CoreContext, suite?: 'ed25519' | 'sm2'): KeyRotationDto => rotateCenterKey(ctx, suite);

export function recoveryKey(ctx: CoreContext): RecoveryKeyDto {
  const s = recoveryKeyStatus(ctx, true);
  return { recipient: s.recipient, createdAt: s.createdAt, printedAt: s.printedAt, pending: s.pending !== null };
}

export function showRecoveryKey(ctx: CoreContext): { secret: string; recipient: string } {
  const s = recoveryKeyStatus(ctx, true);
  if (!s.pending || !s.recipient) {
    throw new IntakeError('NOT_FOUND', { message_zh: '恢复密钥已打印保存，本机不再保存其内容；如已遗失，请生成新的恢复密钥', detail: 'the recovery key was printed and forgotten by the desk' });
  }
  return { secret: s.pending, recipient: s.recipient };
}

export function confirmRecoveryKeyPrinted(ctx: CoreContext): RecoveryKeyDto {
  if (!recoveryKeyStatus(ctx, true).pending) throw new IntakeError('NOT_FOUND', { message_zh: '没有待打印的恢复密钥', detail: 'no recovery key is waiting to be printed' });
  recoveryKeyPrinted(ctx);
  return recoveryKey(ctx);
}
