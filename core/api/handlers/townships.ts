import type { HandlersOf } from '../handler.js';
import { listTownships } from '../../store/townships.js';

export const townshipsHandlers: HandlersOf<'townships'> = {
  'townships.list': (ctx) => listTownships(ctx.db),
};
