/**
 * The tables a case bundle carries, in the order they are written and imported. This is the one
 * list: a table added later (instructions, audit …) is one line here plus change-log triggers for it
 * in its own migration (`changeLogTriggers` in core/store/change-log.ts). A test checks that every
 * table listed has its triggers and that `key` is the table's real primary key.
 *
 * Not carried: reference tables that every desk ships with (townships), settings (they hold local
 * secrets), counters (case_sequences), and matter_status, a cache the county can rebuild by folding
 * matter_events with core/domain/case-state.ts. Likewise the 领导接访日 tables (migration 005): instructions
 * is a cache folded from matter_events by core/domain/instructions.ts (批示 and their follow-ups travel as
 * events); receptions is the desk's working state (the record itself is a `reception` event); leaders and
 * roster_overrides are the township's own roster. matter_facts and stat_counts (migration 010) are the
 * figures' caches, derived from the events and rows by core/domain/figures.ts.
 */
export interface BundleTable {
  readonly name: string;
  /** Primary-key columns: how a row is named in the change log, in tombstones and at the county. */
  readonly key: readonly string[];
}

export const BUNDLE_TABLES: readonly BundleTable[] = [
  { name: 'villages', key: ['id'] },
  { name: 'projects', key: ['id'] },
  { name: 'persons', key: ['id'] },
  { name: 'person_phones', key: ['person_id', 'phone'] },
  { name: 'matters', key: ['id'] },
  { name: 'matter_persons', key: ['matter_id', 'person_id'] },
  { name: 'level_skips', key: ['matter_id', 'level'] },
  { name: 'visits', key: ['id'] },
  { name: 'visit_persons', key: ['visit_id', 'person_id'] },
  { name: 'attachments', key: ['id'] },
  { name: 'matter_events', key: ['id'] },
];

/** The table whose rows name attachment files by their SHA-256 (column `sha256`). */
export const ATTACHMENTS_TABLE = 'attachments';
