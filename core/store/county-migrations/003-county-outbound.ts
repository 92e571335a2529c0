import type { Migration } from '../migration.js';
/**
 * What the county sends down (issue 18): its receipts and 交办件 batches, numbered and chained per
 * township and kind, as the townships' own bundles are. An assignment's items are kept beside it, so
 * the batch view counts what was handed down from the county's own record. The PostgreSQL twin is
 * step 3 in postgres.ts.
 */
const sql = /* sql */ `
CREATE TABLE county_outbound (
  township   TEXT NOT NULL,
  kind       TEXT NOT NULL,
  sequence   INTEGER NOT NULL,
  sha256     TEXT NOT NULL UNIQUE,
  previous   TEXT,
  key_id     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  file       TEXT NOT NULL,
  source     TEXT,
  batch      TEXT,
  items      INTEGER NOT NULL,
  about      TEXT,
  PRIMARY KEY (township, kind, sequence)
) STRICT;
`;

export const migration: Migration = { version: 3, name: 'county-outbound', up: (db) => db.exec(sql) };
