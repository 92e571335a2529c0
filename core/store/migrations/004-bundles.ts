import { changeLogTriggers } from '../change-log.js';
import type { Migration } from '../migration.js';

/**
 * Case bundles: the change journal (filled by triggers), the bundles this center exported, and the
 * center's signing keys (public halves only; the private key lives in the key store, never here).
 * The table list is frozen with this migration; tables added later get their triggers in their own
 * migration and one line in core/bundle/tables.ts.
 */
const JOURNALED: readonly [string, readonly string[]][] = [
  ['villages', ['id']],
  ['projects', ['id']],
  ['persons', ['id']],
  ['person_phones', ['person_id', 'phone']],
  ['matters', ['id']],
  ['matter_persons', ['matter_id', 'person_id']],
  ['level_skips', ['matter_id', 'level']],
  ['visits', ['id']],
  ['visit_persons', ['visit_id', 'person_id']],
  ['attachments', ['id']],
  ['matter_events', ['id']],
];

const sql = /* sql */ `
-- AUTOINCREMENT: exported entries are deleted, and a reused seq would hide a change from the next bundle.
CREATE TABLE change_log (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl     TEXT NOT NULL,
  row_key TEXT NOT NULL            -- JSON array of the row's primary-key values
) STRICT;

CREATE TABLE bundle_exports (
  sequence        INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL,
  file            TEXT NOT NULL,
  size            INTEGER NOT NULL,
  full            INTEGER NOT NULL,
  key_id          TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  last_change_seq INTEGER NOT NULL,  -- the next bundle carries the rows named after this
  counts          TEXT NOT NULL
) STRICT;

CREATE TABLE center_keys (
  key_id     TEXT PRIMARY KEY,
  suite      TEXT NOT NULL CHECK (suite IN ('ed25519', 'sm2')),
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT,
  rotation   TEXT                    -- the certificate, signed by the previous key, that introduced this one
) STRICT;
CREATE UNIQUE INDEX center_keys_current ON center_keys ((1)) WHERE retired_at IS NULL;
${JOURNALED.map(([table, key]) => changeLogTriggers(table, key)).join('')}
`;

export const migration: Migration = { version: 4, name: 'bundles', up: (db) => db.exec(sql) };
