import type { Migration } from '../migration.js';
/**
 * 领导接访日: the leaders and the admin's roster overrides (the rules themselves are pure, in
 * core/domain/roster.ts), the reception of each visit, and the instructions projection.
 */
const sql = /* sql */ `
CREATE TABLE leaders (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,                 -- 党委书记, 镇长, 副镇长 …
  role       TEXT NOT NULL CHECK (role IN ('main', 'deputy')),
  active     INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL,              -- the deputies' rotation follows it
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- One row per date the admin changed; it wins over the rules. leader_id NULL: nobody on duty.
CREATE TABLE roster_overrides (
  date      TEXT PRIMARY KEY,
  leader_id INTEGER REFERENCES leaders(id),
  note      TEXT NOT NULL DEFAULT '',
  set_by    TEXT NOT NULL,
  set_at    TEXT NOT NULL
) STRICT;

-- A visit without a row is waiting. The record itself ('reception' event) is written when it is done.
CREATE TABLE receptions (
  visit_id    INTEGER PRIMARY KEY REFERENCES visits(id),
  status      TEXT NOT NULL CHECK (status IN ('receiving', 'done')),
  leader      TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  heard       TEXT NOT NULL DEFAULT '',
  answered    TEXT NOT NULL DEFAULT '',
  event_id    INTEGER REFERENCES matter_events(id)
) STRICT;

-- A cache of the 'instruction' events folded with their notes and completion (core/domain/instructions.ts),
-- rewritten with the matter's status in the same transaction; the events remain the truth.
CREATE TABLE instructions (
  id          INTEGER PRIMARY KEY REFERENCES matter_events(id),
  matter_id   INTEGER NOT NULL REFERENCES matters(id),
  visit_id    INTEGER REFERENCES visits(id),
  given_on    TEXT NOT NULL,
  leader      TEXT NOT NULL,
  text        TEXT NOT NULL,
  responsible TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  done_on     TEXT,
  done_note   TEXT NOT NULL DEFAULT '',
  follow_ups  TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX instructions_responsible ON instructions (responsible, due_date);
CREATE INDEX instructions_open_due ON instructions (due_date) WHERE done_on IS NULL;
CREATE INDEX instructions_matter ON instructions (matter_id);
`;

export const migration: Migration = { version: 5, name: 'roster', up: (db) => db.exec(sql) };
