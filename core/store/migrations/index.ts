import { sql as m001 } from './001-init.js';
import { sql as m002 } from './002-registration.js';
import { sql as m003 } from './003-lifecycle.js';

/** Applied in order; the schema version is the number of migrations applied (PRAGMA user_version). */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'init', sql: m001 },
  { version: 2, name: 'registration', sql: m002 },
  { version: 3, name: 'lifecycle', sql: m003 },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
