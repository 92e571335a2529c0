import type { Migration } from '../migration.js';
/**
 * The two live counts of the report (逾期未告知, 逾期未答复: core/domain/figures.ts LIVE) from an index
 * instead of from every open matter's facts, which the month's report parsed by the thousand at 1M
 * persons (issue 15, item 7):
 *
 * - matter_facts.decide_due / reply_due: the deadline each count runs against while it can still be
 *   missed (LIVE[id].due), else null; writeFacts keeps them.
 * - matter_facts_open, the partial index of open matters, now carries both, so the count for a
 *   period is one range of that index and reads no table row (tested by its query plan).
 *
 * The positional facts hold decidedOn at 10, decisionDue 11, acceptedOn 12, repliedOn 13, handleDue 14
 * (core/store/facts-codec.ts); facts still in the object form are read by name. Only open matters
 * (resolved_on IS NULL) can have either.
 */
const field = (i: number, name: string) => `CASE json_type(facts_json) WHEN 'array' THEN json_extract(facts_json, '$[${i}]') ELSE json_extract(facts_json, '$.${name}') END`;

const sql = /* sql */ `
ALTER TABLE matter_facts ADD COLUMN decide_due TEXT;
ALTER TABLE matter_facts ADD COLUMN reply_due TEXT;

UPDATE matter_facts
   SET decide_due = CASE WHEN ${field(10, 'decidedOn')} IS NULL THEN ${field(11, 'decisionDue')} END,
       reply_due = CASE WHEN ${field(12, 'acceptedOn')} IS NOT NULL AND ${field(13, 'repliedOn')} IS NULL THEN ${field(14, 'handleDue')} END
 WHERE resolved_on IS NULL;

DROP INDEX matter_facts_open;
-- resolved_on (null in every entry) too: SQLite uses a partial index as covering only when it holds
-- every column the statement names, the one in its WHERE included.
CREATE INDEX matter_facts_open ON matter_facts (township, registered_on, decide_due, reply_due, resolved_on) WHERE resolved_on IS NULL;
`;

export const migration: Migration = { version: 21, name: 'late-columns', up: (db) => db.exec(sql) };
