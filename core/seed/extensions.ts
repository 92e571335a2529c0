/**
 * Seeding stages that later features add. The base generator writes persons, matters, visits, group
 * and repeat visits; a feature with its own tables (case lifecycle events, the duty roster, bundles …)
 * adds one extension here that writes its rows for each generated matter, through its own store
 * functions, inside the same batch transaction: issue 5's case lifecycle (lifecycle.ts), issue 7's
 * change journal (journal.ts).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Rng } from './random.js';
import { journalExtension } from './journal.js';
import { lifecycleExtension } from './lifecycle.js';

export interface SeededVisit {
  id: number;
  at: Date;
  personIds: number[];
}

export interface SeededMatter {
  id: number;
  caseNo: string;
  townshipCode: string;
  registeredAt: Date;
  isGroup: boolean;
  personIds: number[];
  visits: SeededVisit[];
}

export interface SeedExtension {
  name: string;
  /** Called once per generated matter, after its visits; `end` is "now" for the data set. */
  afterMatter?(db: Database, rng: Rng, matter: SeededMatter, end: Date): void;
  /** Called once at the end, inside a transaction. */
  finish?(db: Database, rng: Rng, end: Date): void;
}

/** The extensions that run by default, in order; each is a factory of the seed. */
export const EXTENSIONS: readonly ((seed: string) => SeedExtension)[] = [lifecycleExtension, () => journalExtension()];
