// Migration 014 drops the JSON copy of each matter's folded status; the queried columns stay as they
// were, and the whole status is the fold of the events (migrate to 11, write as 11 did, migrate, check).
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { seedReferenceData } from '../../../core/store/reference-data.js';
import { foldCase } from '../../../core/domain/case-state.js';
import { calendarDays } from '../../../core/domain/deadlines.js';
import { eventsOf } from '../../../core/store/events.js';

describe('migration 014: matter_status without status_json', () => {
  it('keeps every queried column and row, drops the copy, and the fold still gives the whole status', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 11);
    seedReferenceData(db, new Date('2026-09-01T00:00:00Z'));
    const at = '2026-09-01T00:00:00.000Z';
    const m = Number(
      db
        .prepare("INSERT INTO matters (case_no, township_code, channel, purpose, category, tags, request, facts, is_group, registered_at, created_at) VALUES ('ZMQ-2026-000001', 'ZMQ', '走访', '申诉求决', '劳动社保', '[]', 'x', '', 0, ?, ?)")
        .run(at, at).lastInsertRowid,
    );
    const ev = db.prepare('INSERT INTO matter_events (matter_id, type, occurred_on, data, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
    ev.run(m, 'register', '2026-09-01', '{}', 'local', at);
    ev.run(m, 'accept', '2026-09-03', '{}', 'local', at);
    ev.run(m, 'start', '2026-09-04', '{"unit":"财政所","handler":"周霞燕"}', 'local', at);
    const status = foldCase(eventsOf(db, m), calendarDays);
    db.prepare(
      `INSERT INTO matter_status (matter_id, state, next_due, next_due_kind, decision_due, handle_due, unit, handler, leader, assign_kind, batch, project_id,
                                  handling_closed, inquiry_closed, fully_closed, status_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 0, 0, 0, ?)`,
    ).run(m, status.state, status.nextDue, status.nextDueKind, status.decisionDue, status.handleDue, status.unit, status.handler, JSON.stringify(status));
    const before = db.prepare('SELECT matter_id, state, next_due, decision_due, handle_due, unit, handler FROM matter_status').all();

    migrate(db, MIGRATIONS, 14);
    const columns = (db.prepare('PRAGMA table_info(matter_status)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('status_json');
    expect(columns).toEqual(expect.arrayContaining(['state', 'next_due', 'decision_due', 'handle_due', 'unit', 'handler', 'leader', 'batch', 'project_id', 'fully_closed']));
    expect(db.prepare('SELECT matter_id, state, next_due, decision_due, handle_due, unit, handler FROM matter_status').all()).toEqual(before);
    expect(before).toEqual([expect.objectContaining({ state: 'handling', unit: '财政所', handler: '周霞燕' })]);
    // The indexes the lists use survive the table rewrite.
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'matter_status'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['matter_status_open_due', 'matter_status_unit', 'matter_status_handler', 'matter_status_leader', 'matter_status_batch', 'matter_status_project']));
    expect(JSON.parse(JSON.stringify(foldCase(eventsOf(db, m), calendarDays)))).toEqual(JSON.parse(JSON.stringify(status)));
  });
});
