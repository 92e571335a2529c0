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
