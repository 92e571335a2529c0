import type { Migration } from '../migration.js';
/**
 * 重复信访率 over a free range without counting distinct matters over every visit of the range (a
 * 90-day range read every visit and sorted their matter ids: over a second at 1M persons; issue 15,
 * item 7). Calendar periods keep their distinct counts in stat_counts; a range cannot, so:
 *
 * visit_days holds one row per matter and Beijing day with visits, with the matter's previous such day
 * and, for a day with a repeat visit, the previous day with one. A matter has a visit in [a, b] exactly
 * when one of its days in [a, b] has no earlier day at or after a — prev_day null or before a — so both
 * counts are a count over one range of the covering index, with no sort.
 *
 * It is a cache of the visits, like matter_facts: writeFacts keeps it from the facts' visit days (the
 * same localDate), a bundle does not carry it, and this fills it from the visits already there.
 *
 * Also 超期未评价 (countAwaitingEvaluation): its partial index now carries awaiting_eval_since, so the
 * count of a year's matters replied before a day reads the index alone, not every such matter's row.
 */
const sql = /* sql */ `
CREATE TABLE visit_days (
  matter_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  township TEXT NOT NULL,
  prev_day TEXT,
  repeat INTEGER NOT NULL,
  prev_repeat_day TEXT,
  PRIMARY KEY (matter_id, day)
) WITHOUT ROWID;
CREATE INDEX visit_days_range ON visit_days (township, day, prev_day, repeat, prev_repeat_day);

INSERT INTO visit_days (matter_id, day, township, prev_day, repeat, prev_repeat_day)
SELECT matter_id, day, township,
       lag(day) OVER w,
       repeat,
       CASE WHEN repeat = 1 THEN max(CASE WHEN repeat = 1 THEN day END) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) END
  FROM (SELECT v.matter_id, date(v.visited_at, '+8 hours') AS day, m.township_code AS township, max(v.is_repeat) AS repeat
          FROM visits v JOIN matters m ON m.id = v.matter_id
         GROUP BY v.matter_id, day)
WINDOW w AS (PARTITION BY matter_id ORDER BY day);

DROP INDEX matter_facts_awaiting_eval;
CREATE INDEX matter_facts_awaiting_eval ON matter_facts (township, registered_on, awaiting_eval_since) WHERE awaiting_eval_since IS NOT NULL;
`;

export const migration: Migration = { version: 22, name: 'visit-days', up: (db) => db.exec(sql) };
