/**
 * The synthetic data generator (intake seed): deterministic for a seed, and data the desk's own rules
 * accept — valid ID numbers with the birth date and sex they carry, parseable phones, case numbers in
 * sequence, group visits with at most five representatives, repeat visits, and matter states the
 * lifecycle fold agrees with.
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { CASE_NO } from '../../../core/domain/case-number.js';
import { foldCase } from '../../../core/domain/case-state.js';
import { calendarDays } from '../../../core/domain/deadlines.js';
import { parseIdNumber } from '../../../core/domain/idcard.js';
import { parsePhone } from '../../../core/domain/phone.js';
import { nameInitials } from '../../../core/domain/pinyin.js';
import { eventsOf } from '../../../core/store/events.js';
import { seedDatabase, SeedError, type SeedSummary } from '../../../core/seed/generate.js';
import { Rng } from '../../../core/seed/random.js';
import { IdAllocator } from '../../../core/seed/people.js';
import { testCore, tempDir } from '../../helpers/core.js';

const END = new Date('2026-11-20T17:30:00+08:00');
const PERSONS = 1500;

function seeded(seed: string): { core: Core; summary: SeedSummary } {
  const core = testCore({ township: 'ZMQ' });
  const summary = seedDatabase(core.ctx.db, { persons: PERSONS, township: 'ZMQ', seed, end: END, batch: 200 });
  return { core, summary };
}

/** Every row of the tables the seed writes, in id order: two seeds are equal when these are. */
function dump(db: Database): string {
  return ['persons', 'person_phones', 'matters', 'matter_persons', 'visits', 'visit_persons', 'level_skips', 'case_sequences', 'matter_events', 'matter_status']
    .map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()))
    .join('\n');
}

describe('intake seed', () => {
  let a: { core: Core; summary: SeedSummary };
  let db: Database;

  beforeAll(() => {
    a = seeded('7');
    db = a.core.ctx.db;
  });
  afterAll(() => {
    a.core.close();
    fs.rmSync(a.core.ctx.dataDir, { recursive: true, force: true });
  });

  it('writes the persons asked for, about two visits each, over ten years, ending at the end', () => {
    const s = a.summary;
    expect(s.persons).toBe(PERSONS);
    expect(s.visits / s.persons).toBeGreaterThan(1.7);
    expect(s.visits / s.persons).toBeLessThan(2.3);
    expect(s.from).toBe('2016-11-21');
    expect(s.until).toBe('2026-11-20');
    const range = db.prepare('SELECT min(visited_at) AS lo, max(visited_at) AS hi FROM visits').get() as { lo: string; hi: string };
    expect(range.lo >= '2016-11-20T16:00:00.000Z').toBe(true);
    expect(range.hi <= END.toISOString()).toBe(true);
  });

  it('is deterministic for a seed and differs for another', () => {
    const b = seeded('7');
    const c = seeded('8');
    try {
      expect(dump(b.core.ctx.db)).toBe(dump(db));
      expect(dump(c.core.ctx.db)).not.toBe(dump(db));
    } finally {
      for (const x of [b, c]) {
        x.core.close();
        fs.rmSync(x.core.ctx.dataDir, { recursive: true, force: true });
      }
    }
  });

  it('gives valid, unique ID numbers, mostly Shucheng, whose birth date and sex are the stored ones', () => {
    const rows = db.prepare('SELECT name, initials, sex, id_number, birth_date, no_id_reason FROM persons').all() as {
      name: string; initials: string; sex: string; id_number: string | null; birth_date: string | null; no_id_reason: string | null;
    }[];
    const withId = rows.filter((r) => r.id_number);
    expect(withId.length / rows.length).toBeGreaterThan(0.9);
    for (const r of withId) {
      const p = parseIdNumber(r.id_number!, '2026-11-20');
      expect(p.ok, r.id_number!).toBe(true);
      if (p.ok) expect([p.value.birthDate, p.value.sex]).toEqual([r.birth_date, r.sex]);
    }
    expect(withId.filter((r) => r.id_number!.startsWith('341523')).length / withId.length).toBeGreaterThan(0.85);
    for (const r of rows.filter((x) => !x.id_number)) expect(r.no_id_reason).toBeTruthy();
    for (const r of rows.slice(0, 200)) expect(r.initials).toBe(nameInitials(r.name));
    expect(new Set(rows.map((r) => r.name.slice(0, 1))).size).toBeGreaterThan(40); // many surnames
  });

  it('gives phones the desk would accept', () => {
    for (const { phone, kind } of db.prepare('SELECT phone, kind FROM person_phones').all() as { phone: string; kind: string }[]) {
      const p = parsePhone(phone);
      expect(p.ok && p.value === phone && p.kind === kind, phone).toBe(true);
    }
  });

  it('numbers cases per year without gaps, and counts them in case_sequences', () => {
    const cases = (db.prepare('SELECT case_no FROM matters ORDER BY id').all() as { case_no: string }[]).map((r) => CASE_NO.exec(r.case_no)!);
    const byYear = new Map<string, number>();
    for (const m of cases) {
      expect(m[1]).toBe('ZMQ');
      const next = (byYear.get(m[2]!) ?? 0) + 1;
      expect(Number(m[3])).toBe(next);
      byYear.set(m[2]!, next);
    }
    const seqs = db.prepare("SELECT year, last FROM case_sequences WHERE township_code = 'ZMQ'").all() as { year: number; last: number }[];
    expect(Object.fromEntries(seqs.map((s) => [String(s.year), s.last]))).toEqual(Object.fromEntries(byYear));
  });

  it('has group visits (≥ 5 people, at most 5 representatives) and repeat visits', () => {
    expect(a.summary.groupMatters).toBeGreaterThan(0);
    expect(a.summary.repeatVisits).toBeGreaterThan(0);
    const bad = db
      .prepare(
        `SELECT v.id FROM visits v JOIN visit_persons vp ON vp.visit_id = v.id
          GROUP BY v.id HAVING sum(vp.role = 'representative') > 5
             OR (sum(vp.role = 'representative') > 0 AND max(v.headcount) < 5)
             OR max(v.headcount) < count(*) OR max(v.involved) < max(v.headcount)`,
      )
      .all();
    expect(bad).toEqual([]);
    const groupsNotMarked = db.prepare('SELECT count(*) AS n FROM visits v JOIN matters m ON m.id = v.matter_id WHERE v.headcount >= 5 AND m.is_group = 0').get() as { n: number };
    expect(groupsNotMarked.n).toBe(0);
    const firstVisitRepeat = db.prepare('SELECT count(*) AS n FROM visits v WHERE v.is_repeat = 0 AND v.visited_at <> (SELECT registered_at FROM matters WHERE id = v.matter_id)').get() as { n: number };
    expect(firstVisitRepeat.n).toBe(0);
  });

  it('gives every matter a life the lifecycle rules accept, in every state, mostly finished when old', () => {
    const ids = (db.prepare('SELECT id FROM matters ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const kept = db.prepare('SELECT state, next_due, decision_due, handle_due, unit, handler, handling_closed, inquiry_closed, fully_closed FROM matter_status WHERE matter_id = ?');
    for (const id of ids) {
      const s = foldCase(eventsOf(db, id), calendarDays);
      expect(kept.get(id)).toEqual({
        state: s.state, next_due: s.nextDue, decision_due: s.decisionDue, handle_due: s.handleDue, unit: s.unit, handler: s.handler,
        handling_closed: s.handlingClosed ? 1 : 0, inquiry_closed: s.inquiryClosed ? 1 : 0, fully_closed: s.fullyClosed ? 1 : 0,
      });
    }
    const states = new Set((db.prepare('SELECT DISTINCT state FROM matter_status').all() as { state: string }[]).map((r) => r.state));
    for (const s of ['registered', 'handling', 'replied', 'closed', 'rejected', 'transferred', 'settled']) expect(states).toContain(s);
    const old = db
      .prepare(`SELECT avg(s.fully_closed) AS closed FROM matter_status s JOIN matters m ON m.id = s.matter_id WHERE m.registered_at < '2025-06-01'`)
      .get() as { closed: number };
    expect(old.closed).toBeGreaterThan(0.97);
    const overdue = db.prepare("SELECT count(*) AS n FROM matter_status WHERE next_due < '2026-11-20'").get() as { n: number };
    expect(overdue.n).toBeGreaterThan(0);
  });

  it('leaves only the last month pending in the bundle change journal, as a center that exports monthly', () => {
    const pending = db.prepare("SELECT tbl, row_key FROM change_log WHERE tbl = 'matters'").all() as { row_key: string }[];
    expect(pending.length).toBeGreaterThan(0);
    const ids = pending.map((r) => (JSON.parse(r.row_key) as number[])[0]!);
    const oldest = db.prepare(`SELECT min(registered_at) AS at FROM matters WHERE id IN (${ids.join(',')})`).get() as { at: string };
    expect(oldest.at >= new Date(END.getTime() - 31 * 86_400_000).toISOString()).toBe(true);
    const all = (db.prepare('SELECT count(*) AS n FROM matters').get() as { n: number }).n;
    expect(pending.length).toBeLessThan(all / 10);
  });

  it('refuses a database that already holds persons', () => {
    expect(() => seedDatabase(db, { persons: 10, township: 'ZMQ', seed: '7', end: END })).toThrow(SeedError);
  });

  it('hands out each ID number once even when a birth date runs out of sequence numbers', () => {
    const ids = new IdAllocator(new Rng('x'));
    const seen = new Set<string>();
    for (let i = 0; i < 1200; i++) {
      const { id, birthDate } = ids.allocate('341523', '1960-01-01', 'M');
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      const p = parseIdNumber(id, '2026-01-01');
      expect(p.ok && p.value.sex === 'M' && p.value.birthDate === birthDate).toBe(true);
    }
    expect(seen.size).toBe(1200);
  });
});

describe('intake seed (command)', () => {
  it('seeds an empty folder, prints a summary, and refuses to seed it twice', () => {
    const dir = tempDir();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', 'seed', '--data', dir, ...args], { encoding: 'utf8', env: { ...process.env, INTAKE_DATA: '' } });
    const r = run('--persons', '300', '--township', 'HB', '--seed', 'x', '--until', '2026-06-30', '--json');
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as SeedSummary & { township: string; counts: Record<string, number> };
    expect(s).toMatchObject({ persons: 300, township: 'HB', until: '2026-06-30', end: '2026-06-30T09:30:00.000Z' }); // 17:30 Beijing
    expect(s.counts.persons).toBe(300);
    expect(r.stderr).toMatch(/seeding persons 100%/);
    const again = run('--persons', '10');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/error: the database already holds persons/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
