import type { Migration } from '../migration.js';
/**
 * The county's database: what it imported from each township. Records are kept generically, one row
 * per township record (its table, its primary key as JSON, the record as JSON), so a table the desks
 * add later needs no county migration; the import log is the chain of bundles per township.
 */
const sql = /* sql */ `
CREATE TABLE county_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE county_imports (
  township    TEXT NOT NULL,
  sequence    INTEGER NOT NULL,
  sha256      TEXT NOT NULL UNIQUE,
  previous    TEXT,
  key_id      TEXT NOT NULL,
  suite       TEXT NOT NULL,
  full        INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  counts      TEXT NOT NULL,
  audit_head  TEXT,
  PRIMARY KEY (township, sequence)
) STRICT;

CREATE TABLE county_records (
  township TEXT NOT NULL,
  tbl      TEXT NOT NULL,
  row_key  TEXT NOT NULL,
  data     TEXT NOT NULL,
  sequence INTEGER NOT NULL,          -- the bundle that last wrote it
  PRIMARY KEY (township, tbl, row_key)
) STRICT, WITHOUT ROWID;
`;

export const migration: Migration = { version: 1, name: 'county', up: (db) => db.exec(sql) };
