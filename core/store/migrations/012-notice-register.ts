import type { Migration } from '../migration.js';
/**
 * The register of issued notices (发文登记). Each notice takes the next 文号 of its type and year
 * from a counter that only grows, in the same transaction as its register row, so a number is never
 * reused and none is skipped (a rolled-back issue takes its counter step back with it). A voided
 * notice keeps its row and its number; it is marked, never deleted, so the register has no gap.
 */
const sql = /* sql */ `
CREATE TABLE notice_sequences (
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (kind, year)
) STRICT;

CREATE TABLE notices (
  id          INTEGER PRIMARY KEY,
  matter_id   INTEGER NOT NULL REFERENCES matters(id),
  kind        TEXT NOT NULL,
  event_id    INTEGER NOT NULL REFERENCES matter_events(id),
  year        INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  doc_no      TEXT NOT NULL,
  issued_on   TEXT NOT NULL,
  issued_at   TEXT NOT NULL,
  issued_by   TEXT NOT NULL,
  voided_at   TEXT,
  voided_by   TEXT,
  void_reason TEXT,
  UNIQUE (kind, year, seq)
) STRICT;
CREATE INDEX notices_matter ON notices (matter_id, id);
-- One live notice per matter, kind and reported event: printing again shows the same 文号.
CREATE UNIQUE INDEX notices_live ON notices (matter_id, kind, event_id) WHERE voided_at IS NULL;

CREATE TRIGGER notices_no_delete BEFORE DELETE ON notices
BEGIN SELECT RAISE(ABORT, 'notices are voided, never deleted'); END;
CREATE TRIGGER notices_number_fixed BEFORE UPDATE OF kind, year, seq, doc_no, matter_id, event_id ON notices
BEGIN SELECT RAISE(ABORT, 'a notice keeps its number'); END;
`;

export const migration: Migration = { version: 12, name: 'notice-register', up: (db) => db.exec(sql) };
