import type { Database } from 'better-sqlite3-multiple-ciphers';
import { prefixUpper, reverse, type SearchQuery } from '../domain/search-query.js';
import type { PhoneKind } from '../domain/phone.js';

export interface NewPersonRow {
  name: string;
  initials: string;
  sex: 'M' | 'F' | null;
  idNumber: string | null;
  noIdReason: string | null;
  birthDate: string | null;
  townshipCode: string | null;
  villageId: number | null;
  address: string;
  phones: { value: string; kind: PhoneKind }[];
}

export interface PersonRecord {
  id: number;
  name: string;
  sex: 'M' | 'F' | null;
  idNumber: string | null;
  noIdReason: string | null;
  birthDate: string | null;
  townshipCode: string | null;
  villageId: number | null;
  villageName: string | null;
  address: string;
  /** The main phone first. */
  phones: string[];
}
type PersonRow = Omit<PersonRecord, 'phones'> & { phones: string | null };
const toPerson = (r: PersonRow): PersonRecord => ({ ...r, phones: r.phones ? r.phones.split(',') : [] });

export function insertPerson(db: Database, p: NewPersonRow, at: string): number {
  const info = db
    .prepare(
      `INSERT INTO persons (name, initials, sex, id_number, id_rev, no_id_reason, birth_date, township_code, village_id, address, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(p.name, p.initials, p.sex, p.idNumber, p.idNumber ? reverse(p.idNumber) : null, p.noIdReason, p.birthDate,
      p.townshipCode, p.villageId, p.address, at, at);
  const id = Number(info.lastInsertRowid);
  const phone = db.prepare('INSERT OR IGNORE INTO person_phones (person_id, phone, phone_rev, kind) VALUES (?, ?, ?, ?)');
  for (const ph of p.phones) phone.run(id, ph.value, reverse(ph.value), ph.kind);
  // The search window reads the name and initials from here (migration 023).
  db.prepare('INSERT INTO person_activity (person_id, main_phone, name, initials) VALUES (?, ?, ?, ?)').run(id, p.phones[0]?.value ?? null, p.name, p.initials);
  return id;
}

const PERSON_SELECT = `
  SELECT p.id, p.name, p.sex, p.id_number AS idNumber, p.no_id_reason AS noIdReason, p.birth_date AS birthDate,
         p.township_code AS townshipCode, p.village_id AS villageId, v.name AS villageName, p.address,
         (SELECT group_concat(phone, ',') FROM person_phones WHERE person_id = p.id) AS phones
  FROM persons p LEFT JOIN villages v ON v.id = p.village_id`;

export function getPersons(db: Database, ids: readonly number[]): PersonRecord[] {
  if (ids.length === 0) return [];
  return (db.prepare(`${PERSON_SELECT} WHERE p.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as PersonRow[]).map(toPerson);
}

export function personIdByIdNumber(db: Database, idNumber: string): number | null {
  const row = db.prepare('SELECT id FROM persons WHERE id_number = ?').get(idNumber) as { id: number } | undefined;
  return row?.id ?? null;
}

export function personExists(db: Database, id: number): boolean {
  return db.prepare('SELECT 1 FROM persons WHERE id = ?').get(id) !== undefined;
}

/**
 * One search branch's window: up to `window` matching persons as (id, k, lv) — lv their kept last visit — walked in its
 * index's order, where (k, id) is that order. Names and initials are ranges of person_activity's covering indexes
 * (migration 023); digit tails search both ID numbers and phones: an operator types whichever the visitor says.
 */
function searchWindows(q: SearchQuery): { sql: string; args: unknown[] }[] {
  const activity = 'LEFT JOIN person_activity a ON a.person_id';
  switch (q.kind) {
    case 'idFull':
      return [{ sql: `SELECT p.id, p.id AS k, a.last_visit_at AS lv FROM persons p ${activity} = p.id WHERE p.id_number = ? LIMIT ?`, args: [q.value] }];
    case 'mobile':
      return [
        {
          sql: `SELECT DISTINCT ph.person_id AS id, ph.person_id AS k, a.last_visit_at AS lv FROM person_phones ph ${activity} = ph.person_id
                 WHERE ph.phone = ? LIMIT ?`,
          args: [q.value],
        },
      ];
    case 'tail': {
      const rev = reverse(q.value);
      return [
        {
          sql: `SELECT p.id, p.id_rev AS k, a.last_visit_at AS lv FROM persons p ${activity} = p.id
                 WHERE p.id_rev >= ? AND p.id_rev < ? ORDER BY p.id_rev LIMIT ?`,
          args: [rev, prefixUpper(rev)],
        },
        {
          sql: `SELECT DISTINCT ph.person_id AS id, ph.person_id AS k, a.last_visit_at AS lv FROM person_phones ph ${activity} = ph.person_id
                 WHERE ph.phone_rev >= ? AND ph.phone_rev < ? LIMIT ?`,
          args: [rev, prefixUpper(rev)],
        },
      ];
    }
    case 'initials':
      return [
        {
          sql: 'SELECT person_id AS id, initials AS k, last_visit_at AS lv FROM person_activity WHERE initials >= ? AND initials < ? ORDER BY initials, last_visit_at DESC LIMIT ?',
          args: [q.value, prefixUpper(q.value)],
        },
      ];
    case 'name':
      return [
        {
          sql: 'SELECT person_id AS id, name AS k, last_visit_at AS lv FROM person_activity WHERE name >= ? AND name < ? ORDER BY name, last_visit_at DESC LIMIT ?',
          args: [q.value, prefixUpper(q.value)],
        },
      ];
    case 'none':
      return [];
  }
}

/**
 * The search box's hit list, each branch one statement (see the query-plan tests): an index range of up to `window`
 * matches with their kept last visit, ordered by it — the most recent visitor first (who came last is most likely
 * back), then the index's order — and the person, activity and village rows of the first `limit` only.
 */
export function searchPersonHits(db: Database, q: SearchQuery, window: number, limit: number): PersonHitRow[] {
  const branches = searchWindows(q).map(({ sql, args }) =>
    db
      .prepare(
        `SELECT p.id, p.name, p.sex, p.id_number AS idNumber, a.main_phone AS mainPhone, p.village_id AS villageId,
                v.name AS villageName, t.lv AS lastVisitAt, coalesce(a.matter_count, 0) AS matterCount
           FROM (SELECT w.id, w.k, w.lv FROM (${sql}) w ORDER BY w.lv DESC, w.k, w.id LIMIT ?) t
           JOIN persons p ON p.id = t.id
           LEFT JOIN person_activity a ON a.person_id = t.id
           LEFT JOIN villages v ON v.id = p.village_id
          ORDER BY t.lv DESC, t.k, t.id`,
      )
      .all(...args, window, limit) as PersonHitRow[],
  );
  if (branches.length === 1) return branches[0]!;
  // A tail found by ID number and by phone: one list, each person once, in the same order (the ID branch first on ties).
  const merged = branches.flatMap((rows, b) => rows.map((row, i) => ({ row, b, i })));
  merged.sort((x, y) => (y.row.lastVisitAt ?? '').localeCompare(x.row.lastVisitAt ?? '') || x.b - y.b || x.i - y.i);
  const seen = new Set<number>();
  const out: PersonHitRow[] = [];
  for (const { row } of merged) {
    if (seen.has(row.id) || out.length === limit) continue;
    seen.add(row.id);
    out.push(row);
  }
  return out;
}

/** Same name and a shared phone, or same name in the same village: probably the same person. */
export function likelyDuplicateIds(db: Database, name: string, phones: readonly string[], villageId: number | null): number[] {
  const rows = db
    .prepare(
      `SELECT p.id FROM persons p JOIN person_phones ph ON ph.person_id = p.id
        WHERE p.name = ? AND ph.phone IN (SELECT value FROM json_each(?))
       UNION
       SELECT id FROM persons WHERE village_id = ? AND name = ?`,
    )
    .all(name, JSON.stringify(phones), villageId, name) as { id: number }[];
  return rows.map((r) => r.id);
}

/** A search hit's row: the person, the village's name, and the kept activity (migration 008). */
export interface PersonHitRow {
  id: number;
  name: string;
  sex: 'M' | 'F' | null;
  idNumber: string | null;
  mainPhone: string | null;
  villageId: number | null;
  villageName: string | null;
  lastVisitAt: string | null;
  matterCount: number;
}

/** One primary-key lookup per person: what the hit list shows, in the order of `ids`. */
export function personHitRows(db: Database, ids: readonly number[]): PersonHitRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT p.id, p.name, p.sex, p.id_number AS idNumber, a.main_phone AS mainPhone, p.village_id AS villageId, v.name AS villageName,
              a.last_visit_at AS lastVisitAt, coalesce(a.matter_count, 0) AS matterCount
         FROM json_each(?) j JOIN persons p ON p.id = j.value
         LEFT JOIN person_activity a ON a.person_id = p.id
         LEFT JOIN villages v ON v.id = p.village_id
        ORDER BY j.key`,
    )
    .all(JSON.stringify(ids)) as PersonHitRow[];
}

/**
 * Last visit and number of matters recomputed from the visits and matters themselves: the reference
 * the kept person_activity must always equal (tested after random registrations).
 */
export function personActivity(db: Database, ids: readonly number[]): Map<number, { lastVisit: string | null; matters: number }> {
  const rows = db
    .prepare(
      `SELECT j.value AS id,
              (SELECT max(v.visited_at) FROM visit_persons vp JOIN visits v ON v.id = vp.visit_id WHERE vp.person_id = j.value) AS last_visit,
              (SELECT count(*) FROM matter_persons mp WHERE mp.person_id = j.value) AS matters
         FROM json_each(?) j`,
    )
    .all(JSON.stringify(ids)) as { id: number; last_visit: string | null; matters: number }[];
  return new Map(rows.map((r) => [r.id, { lastVisit: r.last_visit, matters: r.matters }]));
}
