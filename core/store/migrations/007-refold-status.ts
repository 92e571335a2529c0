/**
 * A data migration: the fold gained `handleDueBase` (the 60-day date the 受理告知书 states, before any
 * extension), so every kept status projection is rebuilt from its events by the one fold. The SQL is
 * written out here rather than borrowed from the store modules, which follow later schemas.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Migration } from '../migration.js';
import type { CaseEvent, EventType } from '../../domain/case-events.js';
import { foldCase } from '../../domain/case-state.js';
import { dayCounter } from '../../domain/deadlines.js';
import { IntakeError } from '../../kernel/errors.js';

interface Row {
  id: number;
  type: string;
  occurred_on: string;
  data: string;
  reason: string;
  actor: string;
  corrects: number | null;
}

function up(db: Database): void {
  const mode = (db.prepare("SELECT value FROM settings WHERE key = 'deadlines.day_mode'").get() as { value: string } | undefined)?.value;
  const counter = dayCounter(mode === 'working' ? 'working' : 'calendar');
  const ids = (db.prepare('SELECT matter_id FROM matter_status ORDER BY matter_id').all() as { matter_id: number }[]).map((r) => r.matter_id);
  const eventsOf = db.prepare('SELECT id, type, occurred_on, data, reason, actor, corrects FROM matter_events WHERE matter_id = ? ORDER BY id');
  const update = db.prepare('UPDATE matter_status SET status_json = ? WHERE matter_id = ?');
  for (const id of ids) {
    const events: CaseEvent[] = (eventsOf.all(id) as Row[]).map((r) => ({
      id: r.id,
      type: r.type as EventType,
      on: r.occurred_on,
      data: JSON.parse(r.data) as never,
      reason: r.reason,
      actor: r.actor,
      corrects: r.corrects,
    }));
    try {
      update.run(JSON.stringify(foldCase(events, counter)), id);
    } catch (err) {
      // A sequence the fold refuses was refused when it was written too: its projection stays as it was.
      if (!(err instanceof IntakeError)) throw err;
    }
  }
}

export const migration: Migration = { version: 7, name: 'refold-status', up };
