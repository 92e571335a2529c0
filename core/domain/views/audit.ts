/**
 * The whole audit trail checked: the chain, and every signed checkpoint against it (a trail cut after a
 * checkpoint, or rewritten before one, no longer matches what the center key signed).
 */
export interface AuditTrailReport {
  /** The chain holds and every checkpoint matches it. */
  ok: boolean;
  entries: number;
  head: string | null;
  /** The first entry whose link or hash does not hold. */
  brokenAt: number | null;
  checkpoints: number;
  lastCheckpoint: { entries: number; at: string; reason: 'interval' | 'export' } | null;
  /** The trail holds fewer entries than a signed checkpoint says it had: it was cut after that checkpoint. */
  cutAfter: { checkpoint: number; at: string; remaining: number } | null;
  /** The first checkpoint that is not the center key's signature of this trail. */
  badCheckpoint: { entries: number; why: 'signature' | 'unknown-key' | 'head' } | null;
  /** Entries after the last checkpoint, not yet under a signature. */
  unsigned: number;
  /** Fingerprints of the keys that signed the checkpoints (compare them with what the county trusts). */
  signers: string[];
  /** One sentence in English for the command line, null when all is well. */
  problem: string | null;
}

/** One user's reveals of full ID numbers and phones over a period (from the audit trail). */
export interface RevealTally {
  actor: string;
  /** Reveals that went through. */
  reveals: number;
  /** Reveals refused for the hourly limit. */
  refused: number;
  /** The day (Beijing time, YYYY-MM-DD) with the most reveals, and how many. */
  busiestDay: string;
  busiestDayReveals: number;
  lastAt: string;
}

/**
 * The audit screen's 提醒: users who hit the hourly reveal limit ('limit') or revealed at least that
 * many in one day ('many') in the last `days` days.
 */
export interface RevealAlerts {
  perHour: number;
  days: number;
  users: (RevealTally & { why: 'limit' | 'many' })[];
}
