import type { Migration } from '../migration.js';
/**
 * The matter's life as an append-only event log, and a status projection for lists. The projection
 * is a cache: it is rewritten from the events (core/domain/case-state.ts) in the same transaction
 * as every event, so lists can use indexes; the events remain the truth.
 */
const sql = /* sql */ `
CREATE TABLE matter_events (
  id          INTEGER PRIMARY KEY,
  matter_id   INTEGER NOT NULL REFERENCES matters(id),
  type        TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  data        TEXT NOT NULL DEFAULT '{}',
  reason      TEXT NOT NULL DEFAULT '',
  actor       TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  corrects    INTEGER REFERENCES matter_events(id)
) STRICT;
CREATE INDEX matter_events_matter ON matter_events (matter_id, id);

-- Append-only: a mistake is corrected by a new event, never by editing the old one.
CREATE TRIGGER matter_events_no_update BEFORE UPDATE ON matter_events
BEGIN SELECT RAISE(ABORT, 'matter_events is append-only'); END;
CREATE TRIGGER matter_events_no_delete BEFORE DELETE ON matter_events
BEGIN SELECT RAISE(ABORT, 'matter_events is append-only'); END;

CREATE TABLE matter_status (
  matter_id       INTEGER PRIMARY KEY REFERENCES matters(id),
  state           TEXT NOT NULL,
  next_due        TEXT,
  next_due_kind   TEXT,
  decision_due    TEXT NOT NULL,
  handle_due      TEXT,
  unit            TEXT,
  handler         TEXT,
  leader          TEXT,
  assign_kind     TEXT,
  batch           TEXT,
  project_id      INTEGER,
  handling_closed INTEGER NOT NULL,
  inquiry_closed  INTEGER NOT NULL,
  fully_closed    INTEGER NOT NULL,
  status_json     TEXT NOT NULL
) STRICT;
CREATE INDEX matter_status_open_due ON matter_status (next_due) WHERE next_due IS NOT NULL;
CREATE INDEX matter_status_unit ON matter_status (unit, next_due);
CREATE INDEX matter_status_handler ON matter_status (handler, next_due);
CREATE INDEX matter_status_leader ON matter_status (leader);
CREATE INDEX matter_status_batch ON matter_status (batch);
CREATE INDEX matter_status_project ON matter_status (project_id);

CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  assessed_on TEXT,
  created_at  TEXT NOT NULL
) STRICT;
`;

export const migration: Migration = { version: 3, name: 'lifecycle', up: (db) => db.exec(sql) };
