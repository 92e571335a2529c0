import type { HandlersOf } from '../handler.js';
import { confirmRecoveryKeyPrinted, keyStatus, recoveryKey, rotateKey, showRecoveryKey } from '../../services/keys.js';

export const keysHandlers: HandlersOf<'keys'> = {
  'keys.status': (ctx) => keyStatus(ctx),
  'keys.rotate': (ctx, input) => rotateKey(ctx, input.suite),
  'keys.recovery': (ctx) => recoveryKey(ctx),
  'keys.recoveryShow': (ctx) => showRecoveryKey(ctx),
  'keys.recoveryPrinted': (ctx) => confirmRecoveryKeyPrinted(ctx),
};
