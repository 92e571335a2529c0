import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/store/db.js';
import { migrate, schemaVersion } from '../../../core/store/migrate.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../core/store/migrations/index.js';
import { IntakeError } from '../../../core/kernel/errors.js';
import { tempDir } from '../../helpers/core.js';

const tables = (db: BetterSqlite3.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('store: open and migrate', () => {
  it('lists migrations in strictly increasing version order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('creates the schema at the current version with WAL, foreign keys and synchronous=FULL', () => {
    const db = openDatabase(path.join(tempDir(), 'a.db'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(tables(db)).toEqual(expect.arrayContaining(['settings', 'townships', 'villages']));
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = path.join(tempDir(), 'b.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer program and leaves it untouched', () => {
    const file = path.join(tempDir(), 'c.db');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(IntakeError);
    expect((caught as IntakeError).code).toBe('DB_TOO_NEW');
    expect((caught as IntakeError).message).toMatch(/newer version/);
    expect((caught as IntakeError).message_zh).toMatch(/数据库版本比本程序新/);
    const again = new BetterSqlite3(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    expect(tables(again)).toEqual(['future']);
    again.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [
      { version: 1, name: 'ok', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE one (x)') },
      { version: 2, name: 'bad', up: (d: BetterSqlite3.Database) => d.exec('CREATE TABLE two (x); THIS IS NOT SQL') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });
});
