/**
 * The figures' summary (migration 010): each matter's facts, and the sum of their contributions per
 * day and month (stat_counts). refreshFacts runs in the same transaction as every event and visit
 * (through refreshStatus), so the counts are always the sum over the matters' current facts — the
 * property test recomputes them from scratch after random event sequences.
 *
 * Every read takes a scope: one township's rows, or (township null) every township's, so the
 * county can run the same code over its own database.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CaseEvent } from '../domain/case-events.js';
import type { CaseStatus } from '../domain/case-state.js';
import { bucketTotals, contributions, deriveFacts, LIVE, type FactsInput, type LiveId, type MatterFacts } from '../domain/figures.js';
import { splitRange } from '../domain/periods.js';
import { decodeFacts, encodeFacts } from './facts-codec.js';
import { levelSkipsOf } from './matters.js';

export interface FiguresScope {
  /** One township's figures; null for every township in the database (the county). */
  township: string | null;
}

const DISTINCT_METRICS = "('visitedMatters', 'repeatMatters')";

/** `township = ?` when the scope names one, nothing otherwise. */
function scoped(scope: FiguresScope, col = 'township'): { sql: string; args: string[] } {
  return scope.township === null ? { sql: '1', args: [] } : { sql: `${col} = ?`, args: [scope.township] };
}

// ---- Keeping the summary ------------------------------------------------------------------------

/** What deriveFacts needs besides the fold, read from the matter's rows. */
export function factsInputOf(db: Database, matterId: number): Omit<FactsInput, 'status' | 'events' | 'backlogDays'> | null {
  const m = db
    .prepare(
      `SELECT id, township_code AS township, channel, purpose, category, place_village_id AS villageId, is_group AS isGroup
         FROM matters WHERE id = ?`,
    )
    .get(matterId) as { id: number; township: string; channel: string; purpose: string; category: string; villageId: number | null; isGroup: number } | undefined;
  if (!m) return null;
  const visits = db.prepare('SELECT id, visited_at AS visitedAt, headcount, is_repeat AS isRepeat FROM visits WHERE matter_id = ? ORDER BY id').all(matterId) as {
    id: number; visitedAt: string; headcount: number; isRepeat: number;
  }[];
  // 初信初访: nobody on the matter's first visit was on an earlier visit (to any matter) at this center.
  const first = visits[0]
    ? db.prepare('SELECT 1 FROM visit_persons a JOIN visit_persons b ON b.person_id = a.person_id AND b.visit_id < a.visit_id WHERE a.visit_id = ? LIMIT 1').get(visits[0].id) === undefined
    : false;
  return {
    matter: { ...m, isGroup: m.isGroup === 1 },
    visits: visits.map((v) => ({ visitedAt: v.visitedAt, headcount: v.headcount, isRepeat: v.isRepeat === 1 })),
    levelSkips: levelSkipsOf(db, matterId),
    firstAtCenter: first,
  };
}

export function readFacts(db: Database, matterId: number): MatterFacts | null {
  const row = db.prepare('SELECT facts_json FROM matter_facts WHERE matter_id = ?').get(matterId) as { facts_json: string } | undefined;
  return row ? decodeFacts(row.facts_json) : null;
}

/** The reply day of a matter replied and not evaluated (待评价 or 超期未评价), else null (migration 020). */
const awaitingSince = (f: MatterFacts): string | null => (f.repliedOn !== null && f.evaluation === null ? f.repliedOn : null);

/** Replaces the matter's facts and moves the kept counts by the difference of their contributions. */
export function writeFacts(db: Database, f: MatterFacts): void {
  const old = readFacts(db, f.matterId);
  const delta = bucketTotals(contributions(f));
  if (old) for (const [k, n] of bucketTotals(contributions(old))) delta.set(k, (delta.get(k) ?? 0) - n);
  const add = db.prepare(
    `INSERT INTO stat_counts (township, bucket, metric, key, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (township, bucket, metric, key) DO UPDATE SET n = n + excluded.n RETURNING n`,
  );
  const drop = db.prepare('DELETE FROM stat_counts WHERE township = ? AND bucket = ? AND metric = ? AND key = ?');
  const move = (township: string, totals: Map<string, number>, sign: number) => {
    for (const [k, n] of totals) {
      if (n === 0) continue;
      const [metric, key, bucket] = k.split('\u0000') as [string, string, string];
      // A count that falls to zero leaves no row, so the kept rows are exactly the non-zero sums.
      if ((add.get(township, bucket, metric, key, sign * n) as { n: number }).n === 0) drop.run(township, bucket, metric, key);
    }
  };
  if (old && old.township !== f.township) {
    // A matter never changes township; should one, its old counts leave with it.
    move(old.township, bucketTotals(contributions(old)), -1);
    move(f.township, bucketTotals(contributions(f)), 1);
  } else move(f.township, delta, 1);
  if (!old || old.township !== f.township || visitDaysKey(old) !== visitDaysKey(f)) writeVisitDays(db, f);
  writeFactsRow(db, f);
}

function writeFactsRow(db: Database, f: MatterFacts): void {
  db.prepare(
    `INSERT INTO matter_facts (matter_id, township, registered_on, resolved_on, backlog_on, fully_closed, assign_kind, project_id, awaiting_eval_since, decide_due, reply_due, facts_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (matter_id) DO UPDATE SET township = excluded.township, registered_on = excluded.registered_on,
       resolved_on = excluded.resolved_on, backlog_on = excluded.backlog_on, fully_closed = excluded.fully_closed,
       assign_kind = excluded.assign_kind, project_id = excluded.project_id, awaiting_eval_since = excluded.awaiting_eval_since,
       decide_due = excluded.decide_due, reply_due = excluded.reply_due, facts_json = excluded.facts_json`,
  ).run(
    f.matterId, f.township, f.registeredOn, f.resolvedOn, f.backlogOn, f.fullyClosed ? 1 : 0, f.assignKind, f.projectId, awaitingSince(f),
    LIVE.decideLate.due(f), LIVE.replyLate.due(f), encodeFacts(f),
  );
}

/**
 * The whole summary rebuilt in one pass (a county replica: every matter folded at once). The counts
 * are summed in memory and written once at the end, instead of one upsert per bucket and matter,
 * which was most of a replica's build; the result equals writeFacts matter by matter (tested).
 */
export function factsRebuilder(db: Database): { add(f: MatterFacts): void; finish(): void } {
  db.exec('DELETE FROM stat_counts; DELETE FROM visit_days; DELETE FROM matter_facts;');
  const totals = new Map<string, Map<string, number>>();
  return {
    add(f) {
      let t = totals.get(f.township);
      if (!t) totals.set(f.township, (t = new Map()));
      for (const [k, n] of bucketTotals(contributions(f))) t.set(k, (t.get(k) ?? 0) + n);
      writeVisitDays(db, f);
      writeFactsRow(db, f);
    },
    finish() {
      const add = db.prepare('INSERT INTO stat_counts (township, bucket, metric, key, n) VALUES (?, ?, ?, ?, ?)');
      for (const [township, t] of totals) {
        for (const [k, n] of t) {
          if (n === 0) continue;
          const [metric, key, bucket] = k.split('\u0000') as [string, string, string];
          add.run(township, bucket, metric, key, n);
        }
      }
    },
  };
}

/** What visit_days keeps of a matter (migration 022): its days with visits, and which had a repeat visit. */
const visitDaysKey = (f: MatterFacts): string => f.visitDays.map((r) => `${r[0]}${r[4] > 0 ? '+' : ''}`).join(',');

/** The matter's visit days with the day before each, and for a repeat day the repeat day before it. */
function writeVisitDays(db: Database, f: MatterFacts): void {
  db.prepare('DELETE FROM visit_days WHERE matter_id = ?').run(f.matterId);
  const add = db.prepare('INSERT INTO visit_days (matter_id, day, township, prev_day, repeat, prev_repeat_day) VALUES (?, ?, ?, ?, ?, ?)');
  let prev: string | null = null;
  let prevRepeat: string | null = null;
  for (const [day, , , , repeats] of f.visitDays) {
    const repeat = repeats > 0;
    add.run(f.matterId, day, f.township, prev, repeat ? 1 : 0, repeat ? prevRepeat : null);
    prev = day;
    if (repeat) prevRepeat = day;
  }
}

/** Derives the matter's facts from its fold and rows and keeps them (and the counts) current. */
export function refreshFacts(db: Database, matterId: number, status: CaseStatus, events: readonly CaseEvent[], backlogDays: number): MatterFacts | null {
  const input = factsInputOf(db, matterId);
  if (!input) return null;
  const f = deriveFacts({ ...input, status, events, backlogDays });
  writeFacts(db, f);
  return f;
}

// ---- Reading the kept counts --------------------------------------------------------------------

/** metric → key → n. */
export type Sums = Map<string, Map<string, number>>;

function collect(rows: { metric: string; key: string; n: number }[]): Sums {
  const out: Sums = new Map();
  for (const r of rows) {
    const m = out.get(r.metric) ?? new Map<string, number>();
    m.set(r.key, (m.get(r.key) ?? 0) + r.n);
    out.set(r.metric, m);
  }
  return out;
}

/** The summable metrics over a range of days: whole months from the month rows, the edges from day rows. */
export function sumsBetween(db: Database, scope: FiguresScope, from: string, to: string): Sums {
  const { months, days } = splitRange(from, to);
  const s = scoped(scope);
  const rows: { metric: string; key: string; n: number }[] = [];
  // One statement per part, each a range of the primary key (an OR of them would walk the township's every row).
  const select = (where: string) =>
    db.prepare(`SELECT metric, key, sum(n) AS n FROM stat_counts WHERE ${s.sql} AND ${where} AND metric NOT IN ${DISTINCT_METRICS} GROUP BY metric, key`);
  if (months.length) rows.push(...(select(`bucket IN (${months.map(() => '?').join(', ')})`).all(...s.args, ...months.map((m) => `m${m}`)) as typeof rows));
  for (const [a, b] of days) rows.push(...(select('bucket >= ? AND bucket <= ?').all(...s.args, `d${a}`, `d${b}`) as typeof rows));
  return collect(rows);
}

/** A metric summed over every day before `day` (for counts standing at a date: 积案 at the start). */
export function sumBefore(db: Database, scope: FiguresScope, metric: string, day: string): number {
  const s = scoped(scope);
  // Two ranges of one metric's rows (the months before, the days of the month before the day), each
  // walked on the metric index: the planner, without statistics, would take the primary key instead.
  const range = db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM stat_counts INDEXED BY stat_counts_metric WHERE ${s.sql} AND metric = ? AND bucket >= ? AND bucket < ?`);
  const months = range.get(...s.args, metric, 'm', `m${day.slice(0, 7)}`) as { n: number };
  const days = range.get(...s.args, metric, `d${day.slice(0, 7)}-01`, `d${day}`) as { n: number };
  return months.n + days.n;
}

/** Matters with a visit and with a repeat visit in a calendar period (its key: 'm2026-03', 'q2026-1' …). */
export function distinctKept(db: Database, scope: FiguresScope, periodKey: string): { visited: number; repeated: number } {
  const s = scoped(scope);
  const rows = db
    .prepare(`SELECT metric, sum(n) AS n FROM stat_counts WHERE ${s.sql} AND bucket = ? AND metric IN ${DISTINCT_METRICS} GROUP BY metric`)
    .all(...s.args, periodKey) as { metric: string; n: number }[];
  const get = (m: string) => rows.find((r) => r.metric === m)?.n ?? 0;
  return { visited: get('visitedMatters'), repeated: get('repeatMatters') };
}

/**
 * The same for any range of days, from visit_days (migration 022): a matter counts once, on its first
 * day in the range — the day whose previous visit day is before the range (or that has none).
 */
export function distinctInRange(db: Database, scope: FiguresScope, from: string, to: string): { visited: number; repeated: number } {
  const count = db.prepare(
    `SELECT count(CASE WHEN prev_day IS NULL OR prev_day < @from THEN 1 END) AS visited,
            count(CASE WHEN repeat = 1 AND (prev_repeat_day IS NULL OR prev_repeat_day < @from) THEN 1 END) AS repeated
       FROM visit_days WHERE township = @township AND day >= @from AND day <= @to`,
  );
  // One range of the index per township: the county's whole database is its townships' sum.
  const townships = scope.township !== null ? [scope.township] : (db.prepare('SELECT code FROM townships').pluck().all() as string[]);
  const out = { visited: 0, repeated: 0 };
  for (const t of townships) {
    const r = count.get({ from, to, township: t }) as { visited: number; repeated: number };
    out.visited += r.visited;
    out.repeated += r.repeated;
  }
  return out;
}

/** One metric per month ('YYYY-MM'), for the trend chart. */
export function monthly(db: Database, scope: FiguresScope, metric: string, months: readonly string[]): Map<string, number> {
  const s = scoped(scope);
  const rows = db
    .prepare(`SELECT bucket, sum(n) AS n FROM stat_counts INDEXED BY stat_counts_metric WHERE ${s.sql} AND metric = ? AND bucket >= ? AND bucket <= ? AND key = '' GROUP BY bucket`)
    .all(...s.args, metric, `m${months[0]}`, `m${months.at(-1)}`) as { bucket: string; n: number }[];
  return new Map(rows.filter((r) => r.bucket.length === 8).map((r) => [r.bucket.slice(1), r.n]));
}

// ---- Reading facts (the matters behind a figure, and the live counts) ------------------------

const parse = (rows: { facts_json: string }[]): MatterFacts[] => rows.map((r) => decodeFacts(r.facts_json));

/** Facts of matters whose `column` day falls in the range. */
export function factsBetween(db: Database, scope: FiguresScope, column: 'registered_on' | 'resolved_on' | 'backlog_on', from: string, to: string): MatterFacts[] {
  const s = scoped(scope);
  return parse(db.prepare(`SELECT facts_json FROM matter_facts WHERE ${s.sql} AND ${column} >= ? AND ${column} <= ?`).all(...s.args, from, to) as { facts_json: string }[]);
}

/** Facts of matters registered in the range whose handling is still open (for the live counts). */
export function openFactsRegistered(db: Database, scope: FiguresScope, from: string, to: string): MatterFacts[] {
  const s = scoped(scope);
  return parse(
    db.prepare(`SELECT facts_json FROM matter_facts WHERE ${s.sql} AND resolved_on IS NULL AND registered_on >= ? AND registered_on <= ?`).all(...s.args, from, to) as { facts_json: string }[],
  );
}

/** The live counts of matters registered in the range and still open, late on `today`: one range of matter_facts_open. */
export function countLate(db: Database, scope: FiguresScope, from: string, to: string, today: string): Record<LiveId, number> {
  const s = scoped(scope);
  return db
    .prepare(
      `SELECT count(CASE WHEN decide_due < ? THEN 1 END) AS decideLate, count(CASE WHEN reply_due < ? THEN 1 END) AS replyLate
         FROM matter_facts INDEXED BY matter_facts_open WHERE ${s.sql} AND resolved_on IS NULL AND registered_on >= ? AND registered_on <= ?`,
    )
    .get(today, today, ...s.args, from, to) as Record<LiveId, number>;
}

/** Matters registered in the range, replied before `repliedBefore` and never evaluated: 超期未评价 when that is today minus the window. */
export function countAwaitingEvaluation(db: Database, scope: FiguresScope, from: string, to: string, repliedBefore: string): number {
  const s = scoped(scope);
  return (
    db
      .prepare(`SELECT count(*) AS n FROM matter_facts WHERE ${s.sql} AND registered_on >= ? AND registered_on <= ? AND awaiting_eval_since IS NOT NULL AND awaiting_eval_since < ?`)
      .get(...s.args, from, to, repliedBefore) as { n: number }
  ).n;
}

/** Facts of matters registered in the range, replied and not evaluated (the list behind 超期未评价). */
export function awaitingEvaluationFacts(db: Database, scope: FiguresScope, from: string, to: string): MatterFacts[] {
  const s = scoped(scope);
  return parse(
    db.prepare(`SELECT facts_json FROM matter_facts WHERE ${s.sql} AND registered_on >= ? AND registered_on <= ? AND awaiting_eval_since IS NOT NULL`).all(...s.args, from, to) as { facts_json: string }[],
  );
}

/** Facts of matters that became 积案 on or before a day. */
export function backlogFacts(db: Database, scope: FiguresScope, until: string): MatterFacts[] {
  const s = scoped(scope);
  return parse(db.prepare(`SELECT facts_json FROM matter_facts WHERE ${s.sql} AND backlog_on IS NOT NULL AND backlog_on <= ?`).all(...s.args, until) as { facts_json: string }[]);
}

/** Facts of matters with a visit in a range of instants. */
export function factsVisitedBetween(db: Database, scope: FiguresScope, fromIso: string, toIso: string): MatterFacts[] {
  const s = scoped(scope, 'f.township');
  return parse(
    db
      .prepare(
        `SELECT f.facts_json FROM matter_facts f
          WHERE f.matter_id IN (SELECT matter_id FROM visits WHERE visited_at >= ? AND visited_at < ?) AND ${s.sql}`,
      )
      .all(fromIso, toIso, ...s.args) as { facts_json: string }[],
  );
}

/** Facts of matters with a level-skipping record at one of these levels (dated in the range, if one is given). */
export function factsWithSkips(db: Database, scope: FiguresScope, levels: readonly string[], range?: { from: string; to: string }): MatterFacts[] {
  if (!levels.length) return [];
  const s = scoped(scope, 'f.township');
  // A record's day is its own, else the matter's registration day (MatterFacts.skips); only matching rows are parsed.
  const dated = range ? 'AND coalesce(ls.visited_on, f.registered_on) >= ? AND coalesce(ls.visited_on, f.registered_on) <= ?' : '';
  return parse(
    db
      .prepare(
        `SELECT DISTINCT f.matter_id, f.facts_json FROM level_skips ls JOIN matter_facts f ON f.matter_id = ls.matter_id
          WHERE ls.level IN (${levels.map(() => '?').join(', ')}) AND ${s.sql} ${dated}`,
      )
      .all(...levels, ...s.args, ...(range ? [range.from, range.to] : [])) as { facts_json: string }[],
  );
}

/** Open matters that are 包案, 积案 or linked to a project: the early warnings look at these. */
export function keyOpenFacts(db: Database, scope: FiguresScope): MatterFacts[] {
  const s = scoped(scope);
  return parse(
    db
      .prepare(
        `SELECT facts_json FROM matter_facts
          WHERE ${s.sql} AND fully_closed = 0 AND (assign_kind IS NOT NULL OR backlog_on IS NOT NULL OR project_id IS NOT NULL)`,
      )
      .all(...s.args) as { facts_json: string }[],
  );
}

/** Persons with two visits or more since an instant (the same person twice within N days): the recent visits first (CROSS JOIN keeps that order). */
export function personsVisitingAgain(db: Database, scope: FiguresScope, sinceIso: string): { personId: number; name: string; visits: number; matterIds: string; lastAt: string }[] {
  const s = scoped(scope, 'm.township_code');
  return db
    .prepare(
      `SELECT vp.person_id AS personId, p.name, count(*) AS visits, group_concat(DISTINCT v.matter_id) AS matterIds, max(v.visited_at) AS lastAt
         FROM visits v CROSS JOIN visit_persons vp ON vp.visit_id = v.id JOIN persons p ON p.id = vp.person_id JOIN matters m ON m.id = v.matter_id
        WHERE v.visited_at >= ? AND ${s.sql}
        GROUP BY vp.person_id HAVING count(*) >= 2 ORDER BY lastAt DESC`,
    )
    .all(sinceIso, ...s.args) as { personId: number; name: string; visits: number; matterIds: string; lastAt: string }[];
}

export interface FigureMatterRow {
  id: number;
  caseNo: string;
  channel: string;
  sourceBody: string;
  category: string;
  registeredAt: string;
  state: string;
  unit: string | null;
  village: string | null;
  persons: string;
  /** The first party's ID number, for masking by the caller. */
  idNumber: string | null;
}

/** The rows a figure's list shows, in the order of the ids given. */
export function matterRowsByIds(db: Database, ids: readonly number[]): FigureMatterRow[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(
      `SELECT m.id, m.case_no AS caseNo, m.channel, m.source_body AS sourceBody, m.category, m.registered_at AS registeredAt, s.state, s.unit, vl.name AS village,
              (SELECT group_concat(p.name, '、') FROM matter_persons mp JOIN persons p ON p.id = mp.person_id WHERE mp.matter_id = m.id) AS persons,
              (SELECT p.id_number FROM matter_persons mp JOIN persons p ON p.id = mp.person_id WHERE mp.matter_id = m.id ORDER BY p.id LIMIT 1) AS idNumber
         FROM matters m JOIN matter_status s ON s.matter_id = m.id LEFT JOIN villages vl ON vl.id = m.place_village_id
        WHERE m.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as (Omit<FigureMatterRow, 'persons'> & { persons: string | null })[];
  const byId = new Map(rows.map((r) => [r.id, { ...r, persons: r.persons ?? '' }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every kept count, for the check that the summary equals a recomputation. */
export function allCounts(db: Database): { township: string; bucket: string; metric: string; key: string; n: number }[] {
  return db.prepare('SELECT township, bucket, metric, key, n FROM stat_counts ORDER BY township, bucket, metric, key').all() as {
    township: string; bucket: string; metric: string; key: string; n: number;
  }[];
}

export function allFactIds(db: Database): number[] {
  return (db.prepare('SELECT matter_id FROM matter_facts ORDER BY matter_id').all() as { matter_id: number }[]).map((r) => r.matter_id);
}
