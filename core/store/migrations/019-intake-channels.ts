import type { Migration } from '../migration.js';
/**
 * Intake channels beyond the walk-in (issue 16, item 6): the national record's names (电话 becomes 来电;
 * 上级转送 and 领导批示件 are new), and on each matter the day it was received (a letter, a transferred
 * matter, a leader's instruction: the 15 days run from it) and, for 上级转送 and 领导批示件, the source
 * body and its number (文号). A matter registered before reads as received on its registration day
 * (received_on NULL) with no source.
 *
 * The rename reaches everything that holds the label: the matters and visits, each matter's kept facts
 * (the channel is the fourth value of the positional array, core/store/facts-codec.ts) and the figures'
 * by-channel counts, so the breakdown does not split one channel in two.
 */
const sql = /* sql */ `
ALTER TABLE matters ADD COLUMN received_on TEXT;
ALTER TABLE matters ADD COLUMN source_body TEXT NOT NULL DEFAULT '';
ALTER TABLE matters ADD COLUMN source_no TEXT NOT NULL DEFAULT '';
UPDATE matters SET channel = '来电' WHERE channel = '电话';
UPDATE visits SET channel = '来电' WHERE channel = '电话';
UPDATE matter_facts SET facts_json = json_replace(facts_json, '$[3]', '来电')
 WHERE json_type(facts_json) = 'array' AND json_extract(facts_json, '$[3]') = '电话';
UPDATE matter_facts SET facts_json = json_set(facts_json, '$.channel', '来电')
 WHERE json_type(facts_json) = 'object' AND json_extract(facts_json, '$.channel') = '电话';
UPDATE stat_counts SET key = '来电' WHERE metric = 'reg.channel' AND key = '电话';
`;

export const migration: Migration = { version: 19, name: 'intake-channels', up: (db) => db.exec(sql) };
