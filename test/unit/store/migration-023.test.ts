// Migration 023 copies each person's name and initials into person_activity (the search window's covering index) and
// gives a row to any person that had none (Signal's way: migrate to 22, insert as version 22 wrote, migrate, check).
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { seedReferenceData } from '../../../core/store/reference-data.js';
import { searchPersonHits } from '../../../core/store/persons.js';
import { classifyQuery } from '../../../core/domain/search-query.js';

describe('migration 023: names and initials beside the last visit', () => {
  it('fills them for every person, keeps what was kept, and the search finds them by name and initials', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 22);
    seedReferenceData(db, new Date('2026-09-01T00:00:00Z'));
    const at = '2026-09-01T00:00:00.000Z';
    const person = db.prepare("INSERT INTO persons (name, initials, no_id_reason, address, created_at, updated_at) VALUES (?, ?, '未带', '', ?, ?)");
    const p1 = Number(person.run('张三', 'zs', at, at).lastInsertRowid);
    const p2 = Number(person.run('张三丰', 'zsf', at, at).lastInsertRowid);
    const p3 = Number(person.run('李四', 'ls', at, at).lastInsertRowid);
    db.prepare('INSERT INTO person_activity (person_id, main_phone, last_visit_at, matter_count) VALUES (?, ?, ?, ?), (?, NULL, ?, 1)').run(
      p1, '13800000001', '2026-09-02T01:00:00.000Z', 2, p2, '2026-10-05T01:00:00.000Z');
    // p3 has no row: version 22 wrote one at insertPerson, but nothing may depend on that.

    migrate(db, MIGRATIONS, 23);
    expect(db.prepare('SELECT person_id, main_phone, last_visit_at, matter_count, name, initials FROM person_activity ORDER BY person_id').all()).toEqual([
      { person_id: p1, main_phone: '13800000001', last_visit_at: '2026-09-02T01:00:00.000Z', matter_count: 2, name: '张三', initials: 'zs' },
      { person_id: p2, main_phone: null, last_visit_at: '2026-10-05T01:00:00.000Z', matter_count: 1, name: '张三丰', initials: 'zsf' },
      { person_id: p3, main_phone: null, last_visit_at: null, matter_count: 0, name: '李四', initials: 'ls' },
    ]);
    const names = (q: string) => searchPersonHits(db, classifyQuery(q), 200, 8).map((h) => h.name);
    expect(names('张三')).toEqual(['张三丰', '张三']); // the latest visit first
    expect(names('zs')).toEqual(['张三丰', '张三']);
    expect(names('李四')).toEqual(['李四']);
  });

  it('a name shared by more persons than the window: the window keeps the most recent visitors', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 23);
    const at = '2026-09-01T00:00:00.000Z';
    const person = db.prepare("INSERT INTO persons (name, initials, no_id_reason, address, created_at, updated_at) VALUES ('王五', 'ww', '未带', '', ?, ?)");
    const seen = db.prepare("INSERT INTO person_activity (person_id, name, initials, last_visit_at) VALUES (?, '王五', 'ww', ?)");
    const days = [null, '2026-01-05', '2026-11-20', '2026-06-15', null, '2026-03-01'];
    const ids = days.map((day) => {
      const id = Number(person.run(at, at).lastInsertRowid);
      seen.run(id, day && `${day}T01:00:00.000Z`);
      return id;
    });
    const hits = (q: string, window: number, limit: number) => searchPersonHits(db, classifyQuery(q), window, limit).map((h) => h.id);
    expect(hits('王五', 3, 8)).toEqual([ids[2], ids[3], ids[5]]);
    expect(hits('ww', 3, 2)).toEqual([ids[2], ids[3]]);
    // Everyone, those never seen after the others in the index's order.
    expect(hits('王五', 200, 8)).toEqual([ids[2], ids[3], ids[5], ids[1], ids[0], ids[4]]);
  });
});
