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
  return rows.map(toEvent);
}

function toEvent(r: EventRow): StoredEvent {
  return {
    id: r.id,
    type: r.type as EventType,
    on: r.occurred_on,
    data: JSON.parse(r.data) as never,
    reason: r.reason,
    actor: r.actor,
    corrects: r.corrects,
    recordedAt: r.recorded_at,
  };
}

/**
 * The events of every matter registered in [fromIso, toIso), one matter's list at a time, in order:
 * streamed from one statement, so folding a year of matters never holds all their events at once.
 */
export function* eventsOfMattersRegisteredBetween(db: Database, fromIso: string, toIso: string): Generator<StoredEvent[]> {
  const rows = db
    .prepare(
      `SELECT e.matter_id, e.id, e.type, e.occurred_on, e.data, e.reason, e.actor, e.recorded_at, e.corrects
         FROM matters m JOIN matter_events e ON e.matter_id = m.id
        WHERE m.registered_at >= ? AND m.registered_at < ? ORDER BY e.matter_id, e.id`,
    )
    .iterate(fromIso, toIso) as IterableIterator<EventRow & { matter_id: number }>;
  let matter = -1;
  let list: StoredEvent[] = [];
  for (const r of rows) {
    if (r.matter_id !== matter) {
      if (list.length) yield list;
      [matter, list] = [r.matter_id, []];
    }
    list.push(toEvent(r));
  }
  if (list.length) yield list;
}

export function eventMatter(db: Database, eventId: number): number | null {
  const row = db.prepare('SELECT matter_id FROM matter_events WHERE id = ?').get(eventId) as { matter_id: number } | undefined;
  return row?.matter_id ?? null;
}

export function allMatterIds(db: Database): number[] {
  return (db.prepare('SELECT id FROM matters ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}
