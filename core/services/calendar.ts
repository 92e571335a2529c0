/** The desk's "today" and its way of counting legal periods: every date rule starts here. */
import type { CoreContext } from '../kernel/context.js';
import { dayCounter, type DayCounter } from '../domain/deadlines.js';
import { localDate } from '../domain/local-time.js';
import { dayMode } from '../store/settings.js';

/** Today in Beijing, by the injected clock. */
export const today = (ctx: CoreContext): string => localDate(ctx.clock.now());

/** Calendar or working days, as 本中心 is set. */
export const counterOf = (ctx: CoreContext): DayCounter => dayCounter(dayMode(ctx.db));
