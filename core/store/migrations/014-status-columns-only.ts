import type { Migration } from '../migration.js';
/**
 * matter_status keeps only the columns the lists and counts query. The full JSON copy of each
 * matter's folded status beside them was the largest table (about a quarter of the database); a
 * view that needs the whole status folds the matter's few events instead (services/matter-status.ts).
 * The space it held goes to the free list, which SQLite reuses as the desk grows (a VACUUM, as the
 * backup's restore does, would also shrink the file).
 */
const sql = /* sql */ `
ALTER TABLE matter_status DROP COLUMN status_json;
`;

export const migration: Migration = { version: 14, name: 'status-columns-only', up: (db) => db.exec(sql) };
