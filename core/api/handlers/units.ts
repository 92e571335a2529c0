import type { HandlersOf } from '../handler.js';
import { loopRows, saveUnit, unitChoices, unitLoads } from '../../services/unit-loop.js';

export const unitsHandlers: HandlersOf<'units'> = {
  'units.list': (ctx) => unitChoices(ctx),
  'units.save': (ctx, input) => saveUnit(ctx, input),
  'units.loop': (ctx, input) => loopRows(ctx, input),
  'units.loads': (ctx) => unitLoads(ctx),
};
