import type { Migration } from '../migration.js';
/**
 * A stated reason beside an audit entry: a reveal of a full ID number or phone records why
 * (persons.reveal's `reason`). Entries without one keep their hash (core/store/audit.ts entryHash
 * covers `detail` only when it is not empty), so the chain and its signed checkpoints stand.
 */
const sql = /* sql */ `
ALTER TABLE audit_log ADD COLUMN detail TEXT NOT NULL DEFAULT '';
`;

export const migration: Migration = { version: 11, name: 'audit-detail', up: (db) => db.exec(sql) };
