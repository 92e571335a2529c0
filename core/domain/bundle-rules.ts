/**
 * The county's rules for accepting a township's bundle, as pure functions: which paths a bundle may
 * name, whether a bundle continues the chain already imported, and whether it is within its time.
 */

/**
 * Every path a bundle may hold, by construction: the manifest, one NDJSON file per table, and
 * attachment bytes named by their SHA-256. No slash but the one after the folder, no dot-dot, no
 * absolute path, no backslash; the importer never builds a file-system path from these names anyway.
 */
const PATH = /^(?:manifest\.json|tables\/[a-z][a-z0-9_]{0,62}\.ndjson|files\/[0-9a-f]{64})$/;
export function isBundlePath(path: string): boolean {
  return PATH.test(path);
}

export interface ChainLink {
  sequence: number;
  sha256: string;
}
export interface IncomingLink extends ChainLink {
  previous: string | null;
}

export type ChainVerdict =
  | { kind: 'next'; bridged?: { from: number; to: number } }
  | { kind: 'already' }
  | { kind: 'replay'; last: number }
  | { kind: 'gap'; expected: number }
  | { kind: 'fork'; why: string };

/**
 * Where an incoming bundle stands against the township's chain at the county. `last` is the newest
 * bundle imported from that township; `atSequence` the one imported under the incoming sequence
 * (if any). The same bundle again is 'already' (nothing to do); another bundle under a used sequence
 * or a wrong previous-hash is a fork; an older sequence a replay; a skipped one a gap.
 */
export function judgeChain(
  last: ChainLink | null,
  atSequence: ChainLink | null,
  incoming: IncomingLink & { full?: boolean },
  opts: { bridgeGapWithFull?: boolean } = {},
): ChainVerdict {
  const verdict = judgeStrict(last, atSequence, incoming);
  // A lost bundle cannot be made again; a full bundle carries everything it held. Bridging the gap
  // with one is a person's decision (--accept-gap), never automatic.
  if (verdict.kind === 'gap' && incoming.full && opts.bridgeGapWithFull) {
    return { kind: 'next', bridged: { from: verdict.expected, to: incoming.sequence - 1 } };
  }
  return verdict;
}

function judgeStrict(last: ChainLink | null, atSequence: ChainLink | null, incoming: IncomingLink): ChainVerdict {
  if (atSequence) {
    if (atSequence.sha256 !== incoming.sha256) {
      return { kind: 'fork', why: `sequence ${incoming.sequence} was imported already with other content` };
    }
    return last && last.sequence > incoming.sequence ? { kind: 'replay', last: last.sequence } : { kind: 'already' };
  }
  if (!last) {
    if (incoming.sequence !== 1) return { kind: 'gap', expected: 1 };
    if (incoming.previous !== null) return { kind: 'fork', why: 'the first bundle names a previous bundle' };
    return { kind: 'next' };
  }
  if (incoming.sequence <= last.sequence) return { kind: 'replay', last: last.sequence };
  if (incoming.sequence > last.sequence + 1) return { kind: 'gap', expected: last.sequence + 1 };
  if (incoming.previous !== last.sha256) {
    return { kind: 'fork', why: `it does not follow bundle ${last.sequence} (previous-bundle hash differs)` };
  }
  return { kind: 'next' };
}

/** Clocks on township desks drift; a bundle "from the future" within this margin is accepted. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export type TimeVerdict = { ok: true } | { ok: false; kind: 'expired' | 'future' | 'inverted' };

export function judgeTimes(createdAt: string, expiresAt: string, now: Date): TimeVerdict {
  const created = Date.parse(createdAt);
  const expires = Date.parse(expiresAt);
  if (!(expires > created)) return { ok: false, kind: 'inverted' };
  if (created > now.getTime() + CLOCK_SKEW_MS) return { ok: false, kind: 'future' };
  if (now.getTime() > expires) return { ok: false, kind: 'expired' };
  return { ok: true };
}

/** Whether a trusted key may vouch for a bundle created at `createdAt`. */
export function keyValidAt(key: { validFrom: string | null; validUntil: string | null }, createdAt: string): boolean {
  const t = Date.parse(createdAt);
  if (key.validFrom !== null && t < Date.parse(key.validFrom)) return false;
  if (key.validUntil !== null && t > Date.parse(key.validUntil)) return false;
  return true;
}

/** The longest validity a bundle may claim (expiresAt − createdAt); the desk's default is 30 days. */
export const MAX_VALIDITY_DAYS = 90;

/**
 * The county's own clock decides: a bundle must be younger than its expiry and not from the future
 * by more than the skew, may not claim more than MAX_VALIDITY_DAYS of validity, and must be created
 * after the last bundle imported from that township (a desk's clock set back cannot replay the past).
 */
export type TimeVerdictFull = TimeVerdict | { ok: false; kind: 'too-long' | 'backwards' };
export function judgeBundleTimes(createdAt: string, expiresAt: string, now: Date, lastCreatedAt: string | null): TimeVerdictFull {
  const basic = judgeTimes(createdAt, expiresAt, now);
  if (!basic.ok) return basic;
  if (Date.parse(expiresAt) - Date.parse(createdAt) > MAX_VALIDITY_DAYS * 86_400_000) return { ok: false, kind: 'too-long' };
  if (lastCreatedAt !== null && !(Date.parse(createdAt) > Date.parse(lastCreatedAt))) return { ok: false, kind: 'backwards' };
  return { ok: true };
}

/** An audit head as the county records it per import. */
export interface RecordedAudit {
  entries: number;
  head: string;
  /** The bundle it came from linked earlier heads (a desk with signed checkpoints). */
  linked?: boolean;
}
export interface IncomingAudit extends RecordedAudit {
  links?: { entries: number; hash: string | null }[];
}
/** How an import's audit trail relates to the one recorded from the township's previous bundle. */
export type AuditContinuity = 'first' | 'same' | 'extends' | 'unproven';
export type AuditVerdict =
  | { ok: true; continuity: AuditContinuity }
  | { ok: false; kind: 'shorter' | 'rewritten'; detail: string };

/**
 * A township's audit trail may only grow: a bundle whose trail is shorter than the head recorded
 * from the previous bundle, or whose trail holds another hash at that head's length (its link, or
 * its own head at the same length), is refused. When the bundle links no earlier head of that
 * length (a desk before checkpoints, or after more than 16 bundles lost) growth cannot be proved:
 * it is accepted as 'unproven', and the county report shows it. But the very next bundle after one
 * from a desk that links (`adjacent`, recorded.linked) must link it: its desk made a checkpoint of
 * that head when it exported, and only a removed checkpoint leaves it out.
 */
export function judgeAudit(recorded: RecordedAudit | null, incoming: IncomingAudit | null, opts: { adjacent?: boolean } = {}): AuditVerdict {
  if (!recorded) return { ok: true, continuity: 'first' };
  if (!incoming) return { ok: false, kind: 'shorter', detail: `the bundle carries no audit trail; the previous one had ${recorded.entries} entries` };
  if (incoming.entries < recorded.entries) {
    return { ok: false, kind: 'shorter', detail: `${incoming.entries} entries, the previous bundle had ${recorded.entries}` };
  }
  if (incoming.entries === recorded.entries) {
    return incoming.head === recorded.head
      ? { ok: true, continuity: 'same' }
      : { ok: false, kind: 'rewritten', detail: `entry ${recorded.entries} has another hash than in the previous bundle` };
  }
  const link = incoming.links?.find((l) => l.entries === recorded.entries);
  if (!link) {
    if (recorded.linked && opts.adjacent) {
      return { ok: false, kind: 'rewritten', detail: `the bundle does not link the previous bundle's head (${recorded.entries} entries): the desk's checkpoint of it is gone` };
    }
    return { ok: true, continuity: 'unproven' };
  }
  if (link.hash !== recorded.head) {
    return { ok: false, kind: 'rewritten', detail: `entry ${recorded.entries} ${link.hash === null ? 'is gone' : 'has another hash'} since the previous bundle` };
  }
  return { ok: true, continuity: 'extends' };
}
