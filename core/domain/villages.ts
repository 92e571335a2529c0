import { IntakeError } from '../kernel/errors.js';

/** Letters of any script, digits, brackets and the middle dot used in some place names. */
const VILLAGE_NAME = /^[\p{L}\p{N}（）()·]+$/u;

/**
 * Normalises a village name as typed at the desk (full-width spaces, stray blanks) and applies
 * the naming rule. Returns the name to store or throws IntakeError on the `name` field.
 */
export function normaliseVillageName(raw: string): string {
  const name = raw.replace(/[\s\u3000]+/g, '');
  if (name.length === 0) throw new IntakeError('VILLAGE_NAME_REQUIRED', { field: 'name' });
  if ([...name].length > 30) throw new IntakeError('VILLAGE_NAME_TOO_LONG', { field: 'name' });
  if (!VILLAGE_NAME.test(name)) throw new IntakeError('VILLAGE_NAME_INVALID', { field: 'name' });
  return name;
}
