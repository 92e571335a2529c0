import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { LeaderRole, RosterLeader, RosterOverride } from '../domain/roster.js';

interface LeaderRow {
  id: number;
  name: string;
  title: string;
  role: LeaderRole;
  active: number;
  sort_order: number;
}

const toLeader = (r: LeaderRow): RosterLeader => ({ id: r.id, name: r.name, title: r.title, role: r.role, active: r.active === 1, sortOrder: r.sort_order });

export function listLeaders(db: Database): RosterLeader[] {
  return (db.prepare('SELECT id, name, title, role, active, sort_order FROM leaders ORDER BY sort_order, id').all() as LeaderRow[]).map(toLeader);
}

export function getLeader(db: Database, id: number): RosterLeader | null {
  const row = db.prepare('SELECT id, name, title, role, active, sort_order FROM leaders WHERE id = ?').get(id) as LeaderRow | undefined;
  return row ? toLeader(row) : null;
}

export function leaderIdByName(db: Database, name: string): number | null {
  return (db.prepare('SELECT id FROM leaders WHERE name = ?').get(name) as { id: number } | undefined)?.id ?? null;
}

export function insertLeader(db: Database, l: Omit<RosterLeader, 'id' | 'sortOrder'> & { sortOrder?: number }, at: string): number {
  const order = l.sortOrder ?? ((db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM leaders').get() as { n: number }).n);
  return Number(
    db
      .prepare('INSERT INTO leaders (name, title, role, active, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(l.name, l.title, l.role, l.active ? 1 : 0, order, at, at).lastInsertRowid,
  );
}

export function updateLeader(db: Database, l: RosterLeader, at: string): void {
  db.prepare('UPDATE leaders SET name = ?, title = ?, role = ?, active = ?, sort_order = ?, updated_at = ? WHERE id = ?').run(
    l.name,
    l.title,
    l.role,
    l.active ? 1 : 0,
    l.sortOrder,
    at,
    l.id,
  );
}

export function overridesBetween(db: Database, from: string, to: string): RosterOverride[] {
  return (
    db.prepare('SELECT date, leader_id, note FROM roster_overrides WHERE date >= ? AND date <= ? ORDER BY date').all(from, to) as {
      date: string;
      leader_id: number | null;
      note: string;
    }[]
  ).map((r) => ({ date: r.date, leaderId: r.leader_id, note: r.note }));
}

export function setOverride(db: Database, o: RosterOverride, by: string, at: string): void {
  db.prepare(
    `INSERT INTO roster_overrides (date, leader_id, note, set_by, set_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (date) DO UPDATE SET leader_id = excluded.leader_id, note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run(o.date, o.leaderId, o.note, by, at);
}

export function clearOverride(db: Database, date: string): void {
  db.prepare('DELETE FROM roster_overrides WHERE date = ?').run(date);
}
