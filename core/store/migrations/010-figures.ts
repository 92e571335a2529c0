/**
 * The figures' summary (统计研判): each matter's facts (core/domain/figures.ts) and the sum of what
 * they contribute per day and per month, so a period's figures are a few index reads instead of a
 * pass over every matter's status. A cache like matter_status: not journaled, not carried in bundles,
 * rebuilt here from the events and rows; the store keeps it in the same transactions as they are.
 * The SQL is written out here rather than borrowed from the store modules, which follow later schemas.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Migration } from '../migration.js';
import type { CaseEvent, EventType } from '../../domain/case-events.js';
import type { CaseStatus } from '../../domain/case-state.js';
import { bucketTotals, contributions, deriveFacts, DEFAULT_BACKLOG_DAYS } from '../../domain/figures.js';

const sql = /* sql */ `
CREATE TABLE matter_facts (
  matter_id     INTEGER PRIMARY KEY REFERENCES matters(id),
  township      TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  resolved_on   TEXT,
  backlog_on    TEXT,
  fully_closed  INTEGER NOT NULL,
  assign_kind   TEXT,
  project_id    INTEGER,
  facts_json    TEXT NOT NULL
) STRICT;
CREATE INDEX matter_facts_registered ON matter_facts (township, registered_on);
CREATE INDEX matter_facts_resolved ON matter_facts (township, resolved_on);
CREATE INDEX matter_facts_open ON matter_facts (township, registered_on) WHERE resolved_on IS NULL;
CREATE INDEX matter_facts_backlog ON matter_facts (township, backlog_on) WHERE backlog_on IS NOT NULL;
CREATE INDEX matter_facts_key_open ON matter_facts (township) WHERE fully_closed = 0 AND (assign_kind IS NOT NULL OR backlog_on IS NOT NULL OR project_id IS NOT NULL);

CREATE TABLE stat_counts (
  township TEXT NOT NULL,
  bucket   TEXT NOT NULL,   -- 'dYYYY-MM-DD' a day, 'mYYYY-MM' a month; distinct counts also 'qYYYY-n', 'hYYYY-n', 'yYYYY'
  metric   TEXT NOT NULL,
  key      TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (township, bucket, metric, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX stat_counts_metric ON stat_counts (township, metric, bucket);

CREATE INDEX level_skips_level ON level_skips (level);
`;

interface EventRow { id: number; type: string; occurred_on: string; data: string; reason: string; actor: string; corrects: number | null }

function up(db: Database): void {
  db.exec(sql);
  const days = (db.prepare("SELECT value FROM settings WHERE key = 'stats.backlog_days'").get() as { value: string } | undefined)?.value;
  const backlogDays = days && /^\d+$/.test(days) ? Number(days) : DEFAULT_BACKLOG_DAYS;
  const ids = (db.prepare('SELECT matter_id AS id FROM matter_status ORDER BY matter_id').all() as { id: number }[]).map((r) => r.id);
  const matterOf = db.prepare(
    `SELECT m.id, m.township_code AS township, m.channel, m.purpose, m.category, m.place_village_id AS villageId, m.is_group AS isGroup, s.status_json
       FROM matters m JOIN matter_status s ON s.matter_id = m.id WHERE m.id = ?`,
  );
  const eventsOf = db.prepare('SELECT id, type, occurred_on, data, reason, actor, corrects FROM matter_events WHERE matter_id = ? ORDER BY id');
  const visitsOf = db.prepare('SELECT id, visited_at AS visitedAt, headcount, is_repeat AS isRepeat FROM visits WHERE matter_id = ? ORDER BY id');
  const skipsOf = db.prepare('SELECT level, visited_on AS visitedOn FROM level_skips WHERE matter_id = ?');
  const seenBefore = db.prepare('SELECT 1 FROM visit_persons a JOIN visit_persons b ON b.person_id = a.person_id AND b.visit_id < a.visit_id WHERE a.visit_id = ? LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO matter_facts (matter_id, township, registered_on, resolved_on, backlog_on, fully_closed, assign_kind, project_id, facts_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const totalsByTownship = new Map<string, Map<string, number>>();
  for (const id of ids) {
    const m = matterOf.get(id) as { id: number; township: string; channel: string; purpose: string; category: string; villageId: number | null; isGroup: number; status_json: string };
    const events: CaseEvent[] = (eventsOf.all(m.id) as EventRow[]).map((r) => ({
      id: r.id, type: r.type as EventType, on: r.occurred_on, data: JSON.parse(r.data) as never, reason: r.reason, actor: r.actor, corrects: r.corrects,
    }));
    const visits = (visitsOf.all(m.id) as { id: number; visitedAt: string; headcount: number; isRepeat: number }[]);
    let f;
    try {
      f = deriveFacts({
        status: JSON.parse(m.status_json) as CaseStatus,
        events,
        matter: { id: m.id, township: m.township, channel: m.channel, purpose: m.purpose, category: m.category, villageId: m.villageId, isGroup: m.isGroup === 1 },
        visits: visits.map((v) => ({ visitedAt: v.visitedAt, headcount: v.headcount, isRepeat: v.isRepeat === 1 })),
        levelSkips: skipsOf.all(m.id) as { level: string; visitedOn: string | null }[],
        firstAtCenter: visits.length > 0 && seenBefore.get(visits[0]!.id) === undefined,
        backlogDays,
      });
    } catch {
      continue; // events the fold refuses were refused when written: such a matter has no facts, as it has no new status
    }
    insert.run(f.matterId, f.township, f.registeredOn, f.resolvedOn, f.backlogOn, f.fullyClosed ? 1 : 0, f.assignKind, f.projectId, JSON.stringify(f));
    totalsByTownship.set(f.township, bucketTotals(contributions(f), totalsByTownship.get(f.township)));
  }
  const count = db.prepare('INSERT INTO stat_counts (township, bucket, metric, key, n) VALUES (?, ?, ?, ?, ?)');
  for (const [township, totals] of totalsByTownship) {
    for (const [k, n] of totals) {
      if (n === 0) continue;
      const [metric, key, bucket] = k.split('\u0000') as [string, string, string];
      count.run(township, bucket, metric, key, n);
    }
  }
}

export const migration: Migration = { version: 10, name: 'figures', up };
