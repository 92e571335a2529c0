import type { Database } from 'better-sqlite3';
import type { Role } from '../kernel/roles.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change: number;
  failed_count: number;
  locked_until: string | null;
  active: number;
  created_at: string;
}

const COLS = 'id, username, display_name, role, password_hash, must_change, failed_count, locked_until, active, created_at';

export function countUsers(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function userByName(db: Database, username: string): UserRow | null {
  return (db.prepare(`SELECT ${COLS} FROM users WHERE username = ?`).get(username) as UserRow | undefined) ?? null;
}

export function userById(db: Database, id: number): UserRow | null {
  return (db.prepare(`SELECT ${COLS} FROM users WHERE id = ?`).get(id) as UserRow | undefined) ?? null;
}

export function listUsers(db: Database): UserRow[] {
  return db.prepare(`SELECT ${COLS} FROM users ORDER BY id`).all() as UserRow[];
}

export function insertUser(
  db: Database,
  u: { username: string; displayName: string; role: Role; passwordHash: string; mustChange: boolean },
  at: string,
): number {
  return Number(
    db
      .prepare(
        'INSERT INTO users (username, display_name, role, password_hash, must_change, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(u.username, u.displayName, u.role, u.passwordHash, u.mustChange ? 1 : 0, at, at).lastInsertRowid,
  );
}

export function recordFailure(db: Database, id: number, failedCount: number, lockedUntil: string | null, at: string): void {
  db.prepare('UPDATE users SET failed_count = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(failedCount, lockedUntil, at, id);
}

export function recordSuccess(db: Database, id: number, at: string): void {
  db.prepare('UPDATE users SET failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(at, id);
}

export function setPassword(db: Database, id: number, passwordHash: string, mustChange: boolean, at: string): void {
  db.prepare('UPDATE users SET password_hash = ?, must_change = ?, failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(
    passwordHash,
    mustChange ? 1 : 0,
    at,
    id,
  );
}

export function updateUser(db: Database, id: number, u: { displayName?: string; role?: Role; active?: boolean }, at: string): void {
  const row = userById(db, id)!;
  db.prepare('UPDATE users SET display_name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?').run(
    u.displayName ?? row.display_name,
    u.role ?? row.role,
    u.active === undefined ? row.active : u.active ? 1 : 0,
    at,
    id,
  );
}
