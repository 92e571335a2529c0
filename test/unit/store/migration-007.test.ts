// Signal's way of testing a data migration: build the database at the version before, put in rows
// as that version wrote them, migrate one step, and check what the step did to them.
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../core/store/migrate.js';
import { MIGRATIONS } from '../../../core/store/migrations/index.js';
import { seedReferenceData } from '../../../core/store/reference-data.js';
import { insertMatter } from '../../../core/store/matters.js';
import { appendEvent } from '../../../core/store/events.js';

function atVersion6(dayMode: 'calendar' | 'working') {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, 6);
  expect(schemaVersion(db)).toBe(6);
  seedReferenceData(db, new Date('2026-09-01T00:00:00Z'));
  db.prepare("INSERT INTO settings (key, value) VALUES ('deadlines.day_mode', ?)").run(dayMode);
  const at = '2026-09-28T01:00:00.000Z';
  const matter = (caseNo: string) =>
    insertMatter(db, { caseNo, townshipCode: 'ZMQ', channel: '走访', purpose: '申诉求决', category: '劳动社保', tags: [], request: '工资', facts: '', placeTownship: 'ZMQ', placeVillageId: null, isGroup: false, registeredAt: at, levelSkips: [] }, at);
  const accepted = matter('ZMQ-2026-000001');
  const waiting = matter('ZMQ-2026-000002');
  for (const id of [accepted, waiting]) appendEvent(db, { matterId: id, type: 'register', on: '2026-09-28', data: {}, reason: '', actor: 'op' }, at);
  appendEvent(db, { matterId: accepted, type: 'accept', on: '2026-10-09', data: {}, reason: '', actor: 'op' }, at);
  // The projection as version 6 kept it: no handleDueBase, the handling date under handleDue.
  const old = (handleDue: string | null) => JSON.stringify({ state: handleDue ? 'accepted' : 'registered', registeredOn: '2026-09-28', acceptedOn: handleDue ? '2026-10-09' : null, handleDue });
  const put = db.prepare("INSERT INTO matter_status (matter_id, state, decision_due, handling_closed, inquiry_closed, fully_closed, status_json) VALUES (?, 'accepted', '2026-10-13', 0, 0, 0, ?)");
  put.run(accepted, old(dayMode === 'working' ? '2026-12-31' : '2026-12-08'));
  put.run(waiting, old(null));
  return { db, accepted, waiting };
}

const statusOf = (db: BetterSqlite3.Database, id: number) =>
  JSON.parse((db.prepare('SELECT status_json FROM matter_status WHERE matter_id = ?').get(id) as { status_json: string }).status_json);

describe('migration 007: status projections rebuilt by the fold', () => {
  it.each([
    ['calendar', '2026-12-08', '2026-10-13'],
    ['working', '2026-12-31', '2026-10-23'],
  ] as const)('in %s mode gives every accepted matter its 60-day date and keeps the rest', (mode, handle, decision) => {
    const { db, accepted, waiting } = atVersion6(mode);
    migrate(db, MIGRATIONS, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(statusOf(db, accepted)).toMatchObject({ state: 'accepted', handleDueBase: handle, handleDue: handle, decisionDue: decision });
    expect(statusOf(db, waiting)).toMatchObject({ state: 'registered', handleDueBase: null, nextDue: decision });
  });
});
