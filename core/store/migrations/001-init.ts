import type { Migration } from '../migration.js';
/** Reference data and settings: the frame every later table hangs on. */
const sql = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE townships (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('town', 'township', 'zone'))
) STRICT;

CREATE TABLE villages (
  id            INTEGER PRIMARY KEY,
  township_code TEXT NOT NULL REFERENCES townships(code),
  name          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (township_code, name)
) STRICT;
`;

export const migration: Migration = { version: 1, name: 'init', up: (db) => db.exec(sql) };
