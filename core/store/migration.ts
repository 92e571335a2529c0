import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * One numbered step of the schema. `up` may run code as well as SQL, so a data migration can rebuild
 * what a new rule derives (Signal Desktop's style); each runs inside migrate()'s one transaction.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
