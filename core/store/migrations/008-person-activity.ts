/**
 * What a search hit shows of a person besides the persons row — main phone, last visit, number of
 * matters — kept beside it, so the hit list is one lookup per person instead of three subqueries
 * (the lookup benchmark). A cache like matter_status: not journaled, not carried in bundles, rebuilt
 * here from the rows it summarises; the store keeps it in the same transactions as those rows.
 */
import type { Migration } from '../migration.js';

const sql = /* sql */ `
CREATE TABLE person_activity (
  person_id     INTEGER PRIMARY KEY REFERENCES persons(id),
  main_phone    TEXT,
  last_visit_at TEXT,
  matter_count  INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO person_activity (person_id, main_phone, last_visit_at, matter_count)
SELECT p.id,
       (SELECT phone FROM person_phones WHERE person_id = p.id ORDER BY rowid LIMIT 1),
       (SELECT max(v.visited_at) FROM visit_persons vp JOIN visits v ON v.id = vp.visit_id WHERE vp.person_id = p.id),
       (SELECT count(*) FROM matter_persons mp WHERE mp.person_id = p.id)
  FROM persons p;
`;

export const migration: Migration = { version: 8, name: 'person-activity', up: (db) => db.exec(sql) };
