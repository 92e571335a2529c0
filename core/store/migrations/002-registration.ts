import type { Migration } from '../migration.js';
/**
 * Persons, matters, visits and attachments: what the reception desk registers.
 * Search columns (initials, *_rev) exist so find-as-you-type is an index range, never a scan.
 */
const sql = /* sql */ `
CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  initials      TEXT NOT NULL,              -- pinyin initials, lower case: 'zs' for 张三
  sex           TEXT CHECK (sex IN ('M', 'F')),
  id_number     TEXT UNIQUE,                -- NULL only with a stated reason
  id_rev        TEXT,                       -- id_number reversed: a tail search is a prefix range
  no_id_reason  TEXT,
  birth_date    TEXT,
  township_code TEXT REFERENCES townships(code),
  village_id    INTEGER REFERENCES villages(id),
  address       TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK ((id_number IS NULL) <> (no_id_reason IS NULL))
) STRICT;
CREATE INDEX persons_id_rev ON persons (id_rev);
CREATE INDEX persons_name ON persons (name);
CREATE INDEX persons_initials ON persons (initials);
CREATE INDEX persons_village_name ON persons (village_id, name);

CREATE TABLE person_phones (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  phone     TEXT NOT NULL,
  phone_rev TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('mobile', 'landline')),
  PRIMARY KEY (person_id, phone)
) STRICT;
CREATE INDEX person_phones_rev ON person_phones (phone_rev);
CREATE INDEX person_phones_phone ON person_phones (phone);

CREATE TABLE case_sequences (
  township_code TEXT NOT NULL REFERENCES townships(code),
  year          INTEGER NOT NULL,
  last          INTEGER NOT NULL,
  PRIMARY KEY (township_code, year)
) STRICT;

CREATE TABLE matters (
  id                INTEGER PRIMARY KEY,
  case_no           TEXT NOT NULL UNIQUE,
  township_code     TEXT NOT NULL REFERENCES townships(code),
  channel           TEXT NOT NULL,
  purpose           TEXT NOT NULL,
  category          TEXT NOT NULL,
  tags              TEXT NOT NULL DEFAULT '[]',
  request           TEXT NOT NULL,
  facts             TEXT NOT NULL DEFAULT '',
  place_township    TEXT REFERENCES townships(code),
  place_village_id  INTEGER REFERENCES villages(id),
  is_group          INTEGER NOT NULL DEFAULT 0,
  registered_at     TEXT NOT NULL,
  created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX matters_registered ON matters (registered_at);

CREATE TABLE matter_persons (
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (matter_id, person_id)
) STRICT;
CREATE INDEX matter_persons_person ON matter_persons (person_id);

CREATE TABLE level_skips (
  matter_id  INTEGER NOT NULL REFERENCES matters(id),
  level      TEXT NOT NULL CHECK (level IN ('county', 'city', 'province', 'beijing')),
  visited_on TEXT,
  PRIMARY KEY (matter_id, level)
) STRICT;

CREATE TABLE visits (
  id          INTEGER PRIMARY KEY,
  matter_id   INTEGER NOT NULL REFERENCES matters(id),
  visited_at  TEXT NOT NULL,
  channel     TEXT NOT NULL,
  headcount   INTEGER NOT NULL CHECK (headcount >= 1),
  involved    INTEGER NOT NULL CHECK (involved >= 1),
  is_repeat   INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX visits_matter ON visits (matter_id);
CREATE INDEX visits_at ON visits (visited_at);

CREATE TABLE visit_persons (
  visit_id  INTEGER NOT NULL REFERENCES visits(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  role      TEXT NOT NULL CHECK (role IN ('visitor', 'representative')),
  PRIMARY KEY (visit_id, person_id)
) STRICT;
CREATE INDEX visit_persons_person ON visit_persons (person_id);

CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY,
  matter_id  INTEGER NOT NULL REFERENCES matters(id),
  visit_id   INTEGER NOT NULL REFERENCES visits(id),
  file_name  TEXT NOT NULL,
  mime       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_matter ON attachments (matter_id);
`;

export const migration: Migration = { version: 2, name: 'registration', up: (db) => db.exec(sql) };
