import type { Migration } from '../migration.js';
/**
 * The evaluation lifecycle (issue 16, item 4) in the figures' summary: 群众参评率 counts a replied matter
 * once its evaluation is settled (已评价, 拒绝评价, or 超期未评价 after the setting's days), so a reply
 * still inside its window counts for nobody, as a running deadline does for 及时受理率.
 *
 * - matter_facts.awaiting_eval_since: the reply day of a matter replied and not (yet) evaluated, with
 *   an index, so the report counts the 超期未评价 of a period without reading every replied matter.
 * - the kept metric `declined` (拒绝评价), per registration day and month as every kept metric: added
 *   for the matters already declined. The positional facts hold repliedOn at 13 and evaluation at 17
 *   (core/store/facts-codec.ts); facts still in the object form are read by name.
 */
const sql = /* sql */ `
ALTER TABLE matter_facts ADD COLUMN awaiting_eval_since TEXT;
CREATE INDEX matter_facts_awaiting_eval ON matter_facts (township, registered_on) WHERE awaiting_eval_since IS NOT NULL;

CREATE TEMP TABLE facts_020 AS
  SELECT matter_id, township, registered_on,
         CASE json_type(facts_json) WHEN 'array' THEN json_extract(facts_json, '$[13]') ELSE json_extract(facts_json, '$.repliedOn') END AS replied_on,
         CASE json_type(facts_json) WHEN 'array' THEN json_extract(facts_json, '$[17]') ELSE json_extract(facts_json, '$.evaluation') END AS evaluation
    FROM matter_facts;

UPDATE matter_facts SET awaiting_eval_since = (SELECT replied_on FROM facts_020 t WHERE t.matter_id = matter_facts.matter_id)
 WHERE matter_id IN (SELECT matter_id FROM facts_020 WHERE replied_on IS NOT NULL AND evaluation IS NULL);

-- Rewritten rather than added to: migration 010 derives with the current definitions, so on a database
-- migrated from before 010 the rows may already be there.
DELETE FROM stat_counts WHERE metric = 'declined';
INSERT INTO stat_counts (township, bucket, metric, key, n)
  SELECT township, 'd' || registered_on, 'declined', '', count(*) FROM facts_020
   WHERE replied_on IS NOT NULL AND evaluation = '拒绝评价' GROUP BY township, registered_on;
INSERT INTO stat_counts (township, bucket, metric, key, n)
  SELECT township, 'm' || substr(registered_on, 1, 7), 'declined', '', count(*) FROM facts_020
   WHERE replied_on IS NOT NULL AND evaluation = '拒绝评价' GROUP BY township, substr(registered_on, 1, 7);

DROP TABLE facts_020;
`;

export const migration: Migration = { version: 20, name: 'evaluation-lifecycle', up: (db) => db.exec(sql) };
