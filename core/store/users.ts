import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../kernel/roles.js';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChange: boolean;
  failedCount: number;
  lockedUntil: string | null;
  active: boolean;
  createdAt: string;
}
type UserRow = Omit<UserRecord, 'mustChange' | 'active'> & { mustChange: number; active: number };
const toUser = (r: UserRow): UserRecord => ({ ...r, mustChange: r.mustChange === 1, active: r.active === 1 });

const COLS = `id, username, display_name AS displayName, role, password_hash AS passwordHash, must_change AS mustChange,
  failed_count AS failedCount, locked_until AS lockedUntil, active, created_at AS createdAt`;

export function countUsers(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function userByName(db: Database, username: string): UserRecord | null {
  const r = db.prepare(`SELECT ${COLS} FROM users WHERE username = ?`).get(username) as UserRow | undefined;
  return r ? toUser(r) : null;
}

export function userById(db: Database, id: number): UserRecord | null {
  const r = db.prepare(`SELECT ${COLS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  return r ? toUser(r) : null;
}

export function listUsers(db: Database): UserRecord[] {
  return (db.prepare(`SELECT ${COLS} FROM users ORDER BY id`).all() as UserRow[]).map(toUser);
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
    u.displayName ?? row.displayName,
    u.role ?? row.role,
    (u.active ?? row.active) ? 1 : 0,
    at,
    id,
  );
}
