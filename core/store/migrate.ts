import type { Database } from 'better-sqlite3-multiple-ciphers';
import { IntakeError } from '../kernel/errors.js';
import type { Migration } from './migration.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to SCHEMA_VERSION (or `upTo`, for migration tests) in one transaction: either every pending migration
 * lands or none does. A database written by a newer program is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, upTo?: number): number {
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  const target = upTo ?? newest;
  if (current > newest) {
    throw new IntakeError('DB_TOO_NEW', { detail: `schema ${current}, this program knows up to ${newest}` });
  }
  if (current >= target) return current;
  db.transaction(() => {
    for (const m of migrations.filter((x) => x.version > current && x.version <= target)) m.up(db);
    // user_version takes no bound parameter; the value is our own integer.
    db.pragma(`user_version = ${target}`);
  }).immediate();
  return target;
}

export { SCHEMA_VERSION };
