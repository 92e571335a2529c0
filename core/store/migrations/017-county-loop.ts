import type { Migration } from '../migration.js';
/**
 * The loop back down (issue 18): what the county sends the township. Each center key gets the age
 * recipient of the identity made with it (what comes down is encrypted to it); the county's signed
 * bundles the desk imported are chained per kind (receipts, 交办件 batches); each exported bundle's
 * fate as the county's receipt tells it; and which matter each 交办件 item became.
 * Not journaled: none of it goes back up as records (the matters and their events do).
 */
const sql = /* sql */ `
ALTER TABLE center_keys ADD COLUMN age_recipient TEXT;

CREATE TABLE inbound_bundles (
  kind        TEXT NOT NULL CHECK (kind IN ('receipt', 'assignment')),
  sequence    INTEGER NOT NULL,
  sha256      TEXT NOT NULL UNIQUE,
  previous    TEXT,
  key_id      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  summary     TEXT NOT NULL,            -- JSON: what the bundle held, for the admin page
  PRIMARY KEY (kind, sequence)
) STRICT;

CREATE TABLE bundle_fates (
  bundle_sha256    TEXT PRIMARY KEY,
  bundle_sequence  INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('imported', 'already', 'refused')),
  code             TEXT,
  reason           TEXT,
  audit_head       TEXT,                -- JSON {entries, head} the county recorded, or NULL
  received_at      TEXT NOT NULL,       -- the county's time
  receipt_sequence INTEGER NOT NULL
) STRICT;

CREATE TABLE assignment_matters (
  bundle_sequence INTEGER NOT NULL,
  item            TEXT NOT NULL,        -- the county's id of the item in its batch
  matter_id       INTEGER NOT NULL REFERENCES matters(id),
  PRIMARY KEY (bundle_sequence, item)
) STRICT;
`;

export const migration: Migration = { version: 17, name: 'county-loop', up: (db) => db.exec(sql) };
