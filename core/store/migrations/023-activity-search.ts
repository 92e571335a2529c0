import type { Migration } from '../migration.js';
/**
 * The search box orders its hits by last visit (issue #19, item 1): for a name or initials it walked up to 200 persons
 * in the persons index and looked up each one's person_activity row to order them — 200 scattered pages at 1M persons.
 * person_activity now carries the person's name and initials beside the last visit, indexed together, so the window is
 * one range of a covering index and only the few persons shown are read. Within one name the most recent visitors come
 * first in the index (last_visit_at DESC; never-seen last), so a name shared by more persons than the window keeps the
 * ones most likely back. Persons are never renamed in place (a
 * correction is an event), so insertPerson keeps the copy; every person gets a row here, with or without visits.
 */
const sql = /* sql */ `
ALTER TABLE person_activity ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE person_activity ADD COLUMN initials TEXT NOT NULL DEFAULT '';
INSERT INTO person_activity (person_id) SELECT id FROM persons WHERE id NOT IN (SELECT person_id FROM person_activity);
UPDATE person_activity SET (name, initials) = (SELECT name, initials FROM persons WHERE persons.id = person_activity.person_id);
CREATE INDEX person_activity_name ON person_activity (name, last_visit_at DESC);
CREATE INDEX person_activity_initials ON person_activity (initials, last_visit_at DESC);
`;

export const migration: Migration = { version: 23, name: 'activity-search', up: (db) => db.exec(sql) };
