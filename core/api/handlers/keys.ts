import type { HandlersOf } from '../handler.js';
import { keyStatus, rotateKey } from '../../services/keys.js';

export const keysHandlers: HandlersOf<'keys'> = {
  'keys.status': (ctx) => keyStatus(ctx),
  'keys.rotate': (ctx, input) => rotateKey(ctx, input.suite),
};
