/**
 * How matter_facts.facts_json holds a matter's facts: a JSON array of the values in FIELDS' order
 * rather than an object, because the key names were most of each row (about 650 bytes a matter, the
 * largest table after matter_status' JSON went). A key FIELDS does not list yet travels in a trailing
 * object, so nothing is lost when MatterFacts grows before this list does; the object form written
 * before migration 015 still reads.
 */
import type { MatterFacts } from '../domain/figures.js';

const FIELDS = [
  'matterId', 'township', 'registeredOn', 'channel', 'purpose', 'category', 'villageId', 'isGroup', 'firstAtCenter', 'state',
  'decidedOn', 'decisionDue', 'acceptedOn', 'repliedOn', 'handleDue', 'closedOn', 'resolvedOn', 'evaluation', 'reviewRequested',
  'assignKind', 'assignedOn', 'leader', 'batch', 'unit', 'handler', 'projectId', 'fullyClosed', 'lastEventOn', 'backlogOn',
  'repeatVisits', 'visitDays', 'skips',
] as const satisfies readonly (keyof MatterFacts)[];
const LISTED = new Set<string>(FIELDS);
/** A listed key the object lacks (none today: every field is required) is kept apart from null. */
const ABSENT = { $absent: 1 } as const;

export function encodeFacts(f: MatterFacts): string {
  const values: unknown[] = FIELDS.map((k) => (f[k] === undefined ? ABSENT : f[k]));
  const extra = Object.fromEntries(Object.entries(f).filter(([k, v]) => !LISTED.has(k) && v !== undefined));
  if (Object.keys(extra).length) values.push(extra);
  return JSON.stringify(values);
}

export function decodeFacts(text: string): MatterFacts {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) return v as MatterFacts; // written before migration 015
  const out: Record<string, unknown> = {};
  FIELDS.forEach((k, i) => {
    const x = v[i] as unknown;
    if (!(x && typeof x === 'object' && '$absent' in x)) out[k] = x;
  });
  if (v.length > FIELDS.length) Object.assign(out, v[FIELDS.length]);
  return out as unknown as MatterFacts;
}
