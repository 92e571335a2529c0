import type { MethodName, Output, ParsedInput } from '../contract.js';
import type { CoreContext, Session } from '../context.js';
import { listTownships } from '../../store/townships.js';
import { setCenterTownship, systemInfo } from './system.js';
import { villagesAdd, villagesList } from './villages.js';

export type Handler<M extends MethodName> = (ctx: CoreContext, input: ParsedInput<M>, session: Session) => Output<M>;

/** One handler per contract entry: the mapped type makes a missing handler a compile error. */
export const handlers: { [M in MethodName]: Handler<M> } = {
  'system.info': (ctx) => systemInfo(ctx),
  'system.setTownship': (ctx, input) => setCenterTownship(ctx, input.code),
  'townships.list': (ctx) => listTownships(ctx.db),
  'villages.list': villagesList,
  'villages.add': villagesAdd,
};
