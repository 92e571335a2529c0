import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseEvent, EventType } from '../domain/case-events.js';

interface EventRow {
  id: number;
  type: string;
  occurred_on: string;
  data: string;
  reason: string;
  actor: string;
  recorded_at: string;
  corrects: number | null;
}

export interface StoredEvent extends CaseEvent {
  recordedAt: string;
}

export function appendEvent(
  db: Database,
  e: { matterId: number; type: EventType; on: string; data: object; reason: string; actor: string; corrects?: number | null },
  at: string,
): number {
  const info = db
    .prepare(
      'INSERT INTO matter_events (matter_id, type, occurred_on, data, reason, actor, recorded_at, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(e.matterId, e.type, e.on, JSON.stringify(e.data), e.reason, e.actor, at, e.corrects ?? null);
  return Number(info.lastInsertRowid);
}

export function eventsOf(db: Database, matterId: number): StoredEvent[] {
  const rows = db
    .prepare('SELECT id, type, occurred_on, data, reason, actor, recorded_at, corrects FROM matter_events WHERE matter_id = ? ORDER BY id')
    .all(matterId) as EventRow[];
  return rows.map((r) => ({
    id: r.id,
    type: r.type as EventType,
    on: r.occurred_on,
    data: JSON.parse(r.data) as never,
    reason: r.reason,
    actor: r.actor,
    corrects: r.corrects,
    recordedAt: r.recorded_at,
  }));
}

export function eventMatter(db: Database, eventId: number): number | null {
  const row = db.prepare('SELECT matter_id FROM matter_events WHERE id = ?').get(eventId) as { matter_id: number } | undefined;
  return row?.matter_id ?? null;
}

export function allMatterIds(db: Database): number[] {
  return (db.prepare('SELECT id FROM matters ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}
