import { sql as m001 } from './001-init.js';
import { sql as m002 } from './002-registration.js';
import { sql as m003 } from './003-lifecycle.js';
import { sql as m004 } from './004-bundles.js';
import { sql as m005 } from './005-roster.js';
import { sql as m006 } from './006-accounts.js';

/** Applied in order; PRAGMA user_version holds the version of the last one applied. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'init', sql: m001 },
  { version: 2, name: 'registration', sql: m002 },
  { version: 3, name: 'lifecycle', sql: m003 },
  { version: 4, name: 'bundles', sql: m004 },
  // 领导接访日 (issue 6): leaders, roster overrides, receptions, instructions.
  { version: 5, name: 'roster', sql: m005 },
  // 004 (bundles) and 005 (roster) are landing from parallel work; keep the list in numeric order.
  { version: 6, name: 'accounts', sql: m006 },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
