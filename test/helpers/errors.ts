import { IntakeError } from '../../core/kernel/errors.js';

/** The IntakeError code `fn` throws ('OTHER' for any other error), or null when it does not throw. */
export function codeOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return e instanceof IntakeError ? e.code : 'OTHER';
  }
  return null;
}
