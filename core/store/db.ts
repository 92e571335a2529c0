import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrate.js';

export type { Database };

/**
 * Opens (or creates) the desk database. WAL lets the leader's view read while the desk writes;
 * synchronous=FULL because a registration the operator saw saved must survive a power cut.
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
