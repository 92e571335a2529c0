/**
 * The county's SQLite file (a file of its own, never a desk's intake.db): the same open as the
 * desk's (WAL, synchronous=FULL, numbered migrations in one transaction) on the county's schema.
 * The queries are in county-store.ts, written once for SQLite and PostgreSQL.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from './db.js';
import type { Migration } from './migration.js';
import { migration as c001 } from './county-migrations/001-county.js';
import { migration as c002 } from './county-migrations/002-county-persons.js';
import { migration as c003 } from './county-migrations/003-county-outbound.js';
import { migration as c004 } from './county-migrations/004-county-person-tails.js';

export const COUNTY_MIGRATIONS: readonly Migration[] = [c001, c002, c003, c004];

export const openCountyDatabase = (file: string): Database => openDatabase(file, { migrations: COUNTY_MIGRATIONS });
