import type { Migration } from '../migration.js';
/**
 * Signed checkpoints of the audit trail: every AUDIT_CHECKPOINT_EVERY entries and at every bundle
 * export, the center's signing key signs the trail's length and head hash. A trail cut or rewritten
 * before a checkpoint no longer matches it (core/services/audit-checkpoints.ts verifies them).
 * Append-only like the trail itself.
 */
const sql = /* sql */ `
CREATE TABLE audit_checkpoints (
  id        INTEGER PRIMARY KEY,
  entries   INTEGER NOT NULL CHECK (entries > 0),   -- the trail's length: the last entry's id
  head      TEXT NOT NULL,                          -- that entry's hash
  at        TEXT NOT NULL,
  reason    TEXT NOT NULL CHECK (reason IN ('interval', 'export')),
  bundle    INTEGER,                                -- the bundle's sequence, for an export checkpoint
  township  TEXT,
  key_id    TEXT NOT NULL,
  sig       TEXT NOT NULL,                          -- base64, over the statement (see audit-checkpoint.ts)
  UNIQUE (entries, reason)
) STRICT;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
`;

export const migration: Migration = { version: 9, name: 'audit-checkpoints', up: (db) => db.exec(sql) };
