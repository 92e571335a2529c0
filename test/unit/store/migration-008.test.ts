// Migration 008 builds person_activity from the rows already there (Signal's way: migrate to 7, insert
// as version 7 wrote, migrate to 8, check).
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { seedReferenceData } from '../../../core/store/reference-data.js';

describe('migration 008: person activity backfilled', () => {
  it('gives each existing person its first phone, last visit and number of matters', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 7);
    seedReferenceData(db, new Date('2026-09-01T00:00:00Z'));
    const at = '2026-09-01T00:00:00.000Z';
    const person = db.prepare("INSERT INTO persons (name, initials, no_id_reason, address, created_at, updated_at) VALUES (?, 'x', '未带', '', ?, ?)");
    const p1 = Number(person.run('张三', at, at).lastInsertRowid);
    const p2 = Number(person.run('李四', at, at).lastInsertRowid);
    db.prepare("INSERT INTO person_phones (person_id, phone, phone_rev, kind) VALUES (?, '13800000001', '10000000831', 'mobile'), (?, '13900000002', '20000000931', 'mobile')").run(p1, p1);
    const matter = db.prepare(
      "INSERT INTO matters (case_no, township_code, channel, purpose, category, tags, request, facts, is_group, registered_at, created_at) VALUES (?, 'ZMQ', '走访', '申诉求决', '劳动社保', '[]', 'x', '', 0, ?, ?)",
    );
    const m1 = Number(matter.run('ZMQ-2026-000001', at, at).lastInsertRowid);
    const m2 = Number(matter.run('ZMQ-2026-000002', at, at).lastInsertRowid);
    db.prepare('INSERT INTO matter_persons (matter_id, person_id) VALUES (?, ?), (?, ?)').run(m1, p1, m2, p1);
    const visit = db.prepare("INSERT INTO visits (matter_id, visited_at, channel, headcount, involved, is_repeat, created_at) VALUES (?, ?, '走访', 1, 1, 0, ?)");
    const v1 = Number(visit.run(m1, '2026-09-02T01:00:00.000Z', at).lastInsertRowid);
    const v2 = Number(visit.run(m2, '2026-10-05T01:00:00.000Z', at).lastInsertRowid);
    db.prepare("INSERT INTO visit_persons (visit_id, person_id, role) VALUES (?, ?, 'visitor'), (?, ?, 'visitor')").run(v1, p1, v2, p1);

    migrate(db, MIGRATIONS, 8);
    const rows = db.prepare('SELECT person_id, main_phone, last_visit_at, matter_count FROM person_activity ORDER BY person_id').all();
    expect(rows).toEqual([
      { person_id: p1, main_phone: '13800000001', last_visit_at: '2026-10-05T01:00:00.000Z', matter_count: 2 },
      { person_id: p2, main_phone: null, last_visit_at: null, matter_count: 0 },
    ]);
  });
});
