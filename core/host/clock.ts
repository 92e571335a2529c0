import { systemClock, type Clock } from '../kernel/clock.js';
import type { ClockSpec } from './protocol.js';

/** Every thread of one host builds the same clock from the same spec. */
export function clockFrom(spec: ClockSpec | undefined): Clock {
  if (!spec || spec.kind === 'system') return systemClock;
  if (spec.kind === 'fixed') {
    const at = new Date(spec.at);
    return { now: () => new Date(at) };
  }
  const ms = spec.ms;
  return { now: () => new Date(Date.now() + ms) };
}
