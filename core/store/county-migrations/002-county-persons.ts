import type { Migration } from '../migration.js';
/**
 * The county's index of persons across townships: what a search by ID number, name or pinyin
 * initials needs, taken out of the person records at import (the same code on both engines), so a
 * search never parses JSON in SQL. The PostgreSQL twin is step 2 in postgres.ts.
 */
const sql = /* sql */ `
CREATE TABLE county_persons (
  township  TEXT NOT NULL,
  person_id INTEGER NOT NULL,
  id_number TEXT,
  name      TEXT NOT NULL,
  initials  TEXT NOT NULL,
  PRIMARY KEY (township, person_id)
) STRICT;
CREATE INDEX county_persons_id ON county_persons (id_number);
CREATE INDEX county_persons_name ON county_persons (name);
CREATE INDEX county_persons_initials ON county_persons (initials);

-- What was imported before this index existed.
INSERT INTO county_persons (township, person_id, id_number, name, initials)
  SELECT township, json_extract(data, '$.id'), json_extract(data, '$.id_number'), json_extract(data, '$.name'), coalesce(json_extract(data, '$.initials'), '')
    FROM county_records WHERE tbl = 'persons';
`;

export const migration: Migration = { version: 2, name: 'county-persons', up: (db) => db.exec(sql) };
