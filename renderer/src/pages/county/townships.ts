/** The county's townships by code, for the county pages' titles (resources/townships.json). */
import townships from '../../../../resources/townships.json';

export const TOWNSHIP_NAMES: Record<string, string> = Object.fromEntries(townships.townships.map((t) => [t.code, t.name]));
