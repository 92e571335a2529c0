/**
 * Query-plan tests: every hot query of the registration store must be an index lookup or an index
 * range, never a full scan of a growing table.
 *
 * How the SQL under test is obtained: the store functions are called for real on a test core while
 * `db.prepare` is wrapped to record each statement's SQL text *and the arguments it was executed
 * with*; each recorded execution is then replayed as `EXPLAIN QUERY PLAN <sql>` with the same
 * arguments. So the plans are those of the exact SQL and bindings the store runs (no copy of the SQL
 * here that could drift), every branch is reached through the public store functions, and the
 * bound values reach the planner just as in production (this SQLite is built with SQLITE_ENABLE_STAT4,
 * so after ANALYZE a range's bound values can change the plan). A store function that stops
 * preparing its statement on each call (a statement cache) makes the capture come back empty, and
 * the test says so instead of passing vacuously.
 *
 * Each query is checked in three databases seeded alike: one never ANALYZEd (the desk never runs
 * ANALYZE or PRAGMA optimize, so this is what production sees today), the same after ANALYZE (what a
 * maintenance ANALYZE or a future PRAGMA optimize would give the planner), and a busier one after
 * ANALYZE, where the statistics do change a plan (likelyDuplicateIds then drives from the phones).
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { classifyQuery, type SearchQuery } from '../../../core/domain/search-query.js';
import { insertMatter, linkMatterPersons, mattersOfPersons } from '../../../core/store/matters.js';
import { getPersons, insertPerson, likelyDuplicateIds, personActivity, searchPersonHits } from '../../../core/store/persons.js';
import { findVillage, insertVillage, listVillages } from '../../../core/store/villages.js';
import { insertVisit } from '../../../core/store/visits.js';
import { testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

// ---------------------------------------------------------------------------------------------
// Capturing what the store runs
// ---------------------------------------------------------------------------------------------

/** One statement execution: the SQL text as prepared and the arguments it was run with. */
interface Run {
  sql: string;
  args: unknown[];
}

const EXECUTORS = ['all', 'get', 'run', 'iterate'] as const;

/** Calls `fn` with `db.prepare` wrapped, and returns every statement execution it made, in order. */
function captureRuns(db: Database, fn: () => unknown): Run[] {
  const runs: Run[] = [];
  const prepare = db.prepare;
  // A proxy, so the statement the store keeps compiled is never changed by the recording.
  const recording = (source: string) =>
    new Proxy(prepare.call(db, source), {
      get(target, prop) {
        if (!(EXECUTORS as readonly (string | symbol)[]).includes(prop)) return Reflect.get(target, prop, target);
        return (...args: unknown[]) => {
          runs.push({ sql: source, args });
          return (target[prop as (typeof EXECUTORS)[number]] as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
  db.prepare = recording as unknown as Database['prepare'];
  try {
    fn();
  } finally {
    db.prepare = prepare;
  }
  return runs;
}

/** Like captureRuns, but insists on exactly `count` executions (so a statement cache can't make a test vacuous). */
function captureExactly(db: Database, count: number, what: string, fn: () => unknown): Run[] {
  const runs = captureRuns(db, fn);
  expect(
    runs.length,
    `${what}: expected ${count} statement execution(s) through db.prepare, captured ${runs.length}:\n` +
      runs.map((r) => `  ${oneLine(r.sql)}`).join('\n'),
  ).toBe(count);
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Reading and judging plans
// ---------------------------------------------------------------------------------------------

interface PlanRow {
  id: number;
  parent: number;
  notused: number;
  detail: string;
}

const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

function explain(db: Database, run: Run): PlanRow[] {
  return db.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...run.args) as PlanRow[];
}

/** The plan as sqlite3's shell prints it: a tree indented by parent. */
function renderPlan(rows: readonly PlanRow[]): string {
  const depth = new Map<number, number>([[0, 0]]);
  return rows
    .map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${'   '.repeat(d - 1)}|--${r.detail}`;
    })
    .join('\n');
}

/**
 * A plan line that reads a whole table (or a whole index of it). Scans of json_each (a table-valued
 * function: the caller's id list) and of materialised subqueries are fine; any other SCAN is not,
 * including `SCAN x USING [COVERING] INDEX i`, which walks all of i.
 */
function isTableScan(detail: string, coroutines: ReadonlySet<string>): boolean {
  if (!/^SCAN /.test(detail)) return false;
  if (/\bVIRTUAL TABLE\b/.test(detail)) return false;
  if (/^SCAN (CONSTANT ROW|\(subquery-\d+\)|subquery_\d+)/.test(detail)) return false;
  // A named subquery of the same statement (CO-ROUTINE w … SCAN w): its rows are the subquery's, already bounded.
  if (coroutines.has(detail.slice('SCAN '.length))) return false;
  return true;
}

/**
 * `SEARCH v USING COVERING INDEX visits_at` with no `(col=?)` part: an index walked from one end with
 * no key or range (the min/max shape), which can read the whole index. Seen when visit_persons_person
 * is missing: max(v.visited_at) then walks visits_at backwards probing visit_persons per row.
 */
function isUnboundedWalk(detail: string): boolean {
  return /^SEARCH \S+ USING (COVERING )?INDEX \S+$/.test(detail);
}

interface PlanExpectation {
  /**
   * Each entry must appear in some plan line (index names, `USING INTEGER PRIMARY KEY` …); an array
   * entry is a choice (any one of its strings will do), for joins the planner may drive from either side.
   */
  uses: readonly (string | readonly string[])[];
  /** ORDER BY … LIMIT must be answered by walking the index in order, so LIMIT stops the walk early. */
  noSort?: boolean;
  /**
   * The one sort allowed is of this co-routine's own rows (a bounded window ordered by something no index holds); any
   * sort inside the subqueries it reads, such as the window's own index walk, is refused.
   */
  sortsOnlyIn?: string;
}

function planProblems(rows: readonly PlanRow[], expected: PlanExpectation): string[] {
  const problems: string[] = [];
  const coroutines = new Set(rows.flatMap((r) => /^CO-ROUTINE (\S+)$/.exec(r.detail)?.[1] ?? []));
  for (const r of rows) {
    if (isTableScan(r.detail, coroutines)) problems.push(`full scan: ${r.detail}`);
    if (isUnboundedWalk(r.detail)) problems.push(`index walk with no key or range: ${r.detail}`);
  }
  for (const u of expected.uses) {
    const anyOf = typeof u === 'string' ? [u] : u;
    if (!rows.some((r) => anyOf.some((x) => r.detail.includes(x)))) problems.push(`no plan line mentions: ${anyOf.join(' or ')}`);
  }
  if (expected.noSort) for (const r of rows) if (/USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(r.detail)) problems.push(`sorts instead of walking the index: ${r.detail}`);
  if (expected.sortsOnlyIn !== undefined) {
    // DISTINCT keeps a b-tree of what it has seen but streams, so LIMIT still stops the walk: only ORDER BY sorts.
    const sorts = (rs: readonly PlanRow[]) => rs.filter((r) => /USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(r.detail));
    const owner = rows.find((r) => r.detail === `CO-ROUTINE ${expected.sortsOnlyIn}`);
    if (!owner) problems.push(`no co-routine ${expected.sortsOnlyIn}`);
    else {
      const own = rows.filter((r) => r.parent === owner.id);
      for (const r of sorts(rows)) if (!own.includes(r)) problems.push(`sorts outside ${expected.sortsOnlyIn}: ${r.detail}`);
      if (sorts(own).length > 1) problems.push(`sorts ${expected.sortsOnlyIn} more than once`);
    }
  }
  return problems;
}

function expectPlan(db: Database, run: Run, expected: PlanExpectation): void {
  const rows = explain(db, run);
  expect(
    planProblems(rows, expected),
    `query plan is not what the indexes promise\n\nSQL:\n  ${oneLine(run.sql)}\nargs: ${JSON.stringify(run.args)}\n\nQUERY PLAN\n${renderPlan(rows)}\n`,
  ).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Seed: a small desk's worth of rows with realistic shapes (shared surnames, 1–2 phones, repeat visits)
// ---------------------------------------------------------------------------------------------

const SURNAMES = [['张', 'z'], ['李', 'l'], ['王', 'w'], ['刘', 'l'], ['陈', 'c'], ['杨', 'y'], ['赵', 'z'], ['黄', 'h'], ['周', 'z'], ['吴', 'w']] as const;
const GIVEN = [['三', 's'], ['四', 's'], ['伟', 'w'], ['芳', 'f'], ['娜', 'n'], ['敏', 'm'], ['静', 'j'], ['丽', 'l'], ['强', 'q'], ['磊', 'l'], ['军', 'j'], ['洋', 'y'], ['勇', 'y']] as const;
const AT = '2026-11-24T09:00:00+08:00';

interface Seed {
  township: string;
  villageIds: number[];
  villageNames: string[];
  personIds: number[];
  /** A person with an ID number, a mobile, a village, matters and visits: the one the queries look for. */
  probe: { id: number; name: string; idNumber: string; phones: string[]; villageId: number };
}

const mobileOf = (i: number): string => `13${(i % 7) + 3}${String(10_000_000 + i * 7919).slice(-8)}`;

function seed(db: Database, persons: number): Seed {
  return db.transaction((): Seed => {
    const townships = (db.prepare('SELECT code FROM townships ORDER BY rowid').all() as { code: string }[]).map((r) => r.code);
    const township = townships[0]!;
    const villageIds: number[] = [];
    const villageNames: string[] = [];
    for (const [t, code] of townships.slice(0, 4).entries()) {
      for (let v = 0; v < 12; v++) {
        const name = `${['桃园', '梅河', '石桥', '杨柳', '新华', '光明'][v % 6]}${v < 6 ? '村' : '社区'}${t}`;
        const row = insertVillage(db, code, name, AT);
        if (code === township) {
          villageIds.push(row.id);
          villageNames.push(name);
        }
      }
    }
    const personIds: number[] = [];
    for (let i = 0; i < persons; i++) {
      const [sur, si] = SURNAMES[i % SURNAMES.length]!;
      const [given, gi] = GIVEN[(i * 7) % GIVEN.length]!;
      const withId = i % 9 !== 4;
      const idNumber = withId ? makeId(`19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, i % 1000, String(341523 + Math.floor(i / 9000))) : null;
      const phones: { value: string; kind: 'mobile' | 'landline' }[] = [];
      if (i % 5 !== 3) phones.push({ value: mobileOf(i), kind: 'mobile' });
      if (i % 4 === 0) phones.push({ value: `0564${String(2_000_000 + i * 31).slice(-7)}`, kind: 'landline' });
      personIds.push(
        insertPerson(
          db,
          {
            name: sur + given,
            initials: si + gi,
            sex: i % 2 ? 'M' : 'F',
            idNumber,
            noIdReason: withId ? null : '未带身份证',
            birthDate: null,
            townshipCode: township,
            villageId: i % 11 === 10 ? null : villageIds[i % villageIds.length]!,
            address: '',
            phones,
          },
          AT,
        ),
      );
    }
    for (let m = 0; m < persons / 2; m++) {
      const matterId = insertMatter(
        db,
        {
          caseNo: `${township}-2026-${String(m + 1).padStart(6, '0')}`,
          townshipCode: township,
          channel: '来访',
          purpose: '申诉求决',
          category: '国土资源水利林业',
          tags: [],
          request: '要求兑现征地补偿款',
          facts: '',
          placeTownship: null,
          placeVillageId: null,
          isGroup: m % 25 === 0,
          registeredAt: `2026-${String(1 + (m % 11)).padStart(2, '0')}-${String(1 + (m % 28)).padStart(2, '0')}T09:00:00+08:00`,
          levelSkips: [],
        },
        AT,
      );
      const parties = m % 25 === 0 ? [personIds[m]!, personIds[m + 1]!, personIds[m + 2]!] : [personIds[(m * 2) % persons]!];
      linkMatterPersons(db, matterId, parties);
      for (let v = 0; v < 1 + (m % 3); v++) {
        insertVisit(
          db,
          {
            matterId,
            visitedAt: `2026-${String(1 + ((m + v) % 11)).padStart(2, '0')}-${String(1 + ((m * 3 + v) % 28)).padStart(2, '0')}T10:00:00+08:00`,
            channel: '来访',
            headcount: parties.length,
            involved: parties.length,
            isRepeat: v > 0,
            persons: parties.map((personId, k) => ({ personId, role: k === 0 ? 'visitor' : 'representative' })),
          },
          AT,
        );
      }
    }
    // Person 0 (张…) is party to matter 1 and has ID, mobile, landline and a village.
    const probe = db.prepare('SELECT id, name, id_number, village_id FROM persons WHERE id = ?').get(personIds[0]) as {
      id: number;
      name: string;
      id_number: string;
      village_id: number;
    };
    const phones = (db.prepare('SELECT phone FROM person_phones WHERE person_id = ? ORDER BY phone').all(probe.id) as { phone: string }[]).map((r) => r.phone);
    return {
      township,
      villageIds,
      villageNames,
      personIds,
      probe: { id: probe.id, name: probe.name, idNumber: probe.id_number, phones, villageId: probe.village_id },
    };
  })();
}

// ---------------------------------------------------------------------------------------------
// The tests, once per planner state
// ---------------------------------------------------------------------------------------------

const STATES = [
  { state: 'never ANALYZEd (as the desk runs today)', persons: 600, analyze: false },
  { state: 'after ANALYZE', persons: 600, analyze: true },
  { state: 'of a busy desk (20,000 persons) after ANALYZE', persons: 20_000, analyze: true },
] as const;

describe.each(STATES)('query plans, database $state', ({ persons, analyze }) => {
  let core: Core;
  let db: Database;
  let s: Seed;

  beforeAll(() => {
    core = testCore();
    db = core.ctx.db;
    s = seed(db, persons);
    if (analyze) db.exec('ANALYZE');
    const stats = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() as { n: number }).n;
    expect(stats, 'sqlite_stat1 present').toBe(analyze ? 1 : 0);
  });

  afterAll(() => {
    core.close();
    fs.rmSync(core.ctx.dataDir, { recursive: true, force: true });
  });

  it('names the autoindexes the other tests rely on after the columns they cover', () => {
    const columns = (index: string): string[] =>
      (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as { name: string }[]).map((r) => r.name);
    expect(columns('sqlite_autoindex_persons_1')).toEqual(['id_number']);
    expect(columns('sqlite_autoindex_person_phones_1')).toEqual(['person_id', 'phone']);
    expect(columns('sqlite_autoindex_villages_1')).toEqual(['township_code', 'name']);
  });

  describe('searchPersonHits', () => {
    const search = (raw: string, kind: SearchQuery['kind'], runs: number): Run[] => {
      const q = classifyQuery(raw);
      expect(q.kind, `classifyQuery(${JSON.stringify(raw)})`).toBe(kind);
      const captured = captureExactly(db, runs, `searchPersonHits(${kind})`, () => searchPersonHits(db, q, 20, 8));
      return captured;
    };
    // The window's activity rows by key (to order it), then only the first few persons and their village.
    const HIT_LOOKUPS = ['SEARCH a USING INTEGER PRIMARY KEY', 'SEARCH p USING INTEGER PRIMARY KEY', 'SEARCH v USING INTEGER PRIMARY KEY'];

    it('full ID number: the UNIQUE id_number index', () => {
      const [run] = search(s.probe.idNumber, 'idFull', 1);
      expectPlan(db, run!, { uses: ['sqlite_autoindex_persons_1 (id_number=?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });

    it('full mobile: person_phones_phone', () => {
      const [run] = search(s.probe.phones.find((p) => p.startsWith('1'))!, 'mobile', 1);
      expectPlan(db, run!, { uses: ['person_phones_phone (phone=?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });

    it('digit tail: persons_id_rev for ID numbers and person_phones_rev for phones, both as ranges', () => {
      const [byId, byPhone] = search(s.probe.idNumber.slice(-6), 'tail', 2);
      expectPlan(db, byId!, { uses: ['persons_id_rev (id_rev>? AND id_rev<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
      expectPlan(db, byPhone!, { uses: ['person_phones_rev (phone_rev>? AND phone_rev<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });

    it('short digit tail (4 digits, many hits): still both index ranges', () => {
      const [byId, byPhone] = search(s.probe.phones[0]!.slice(-4), 'tail', 2);
      expectPlan(db, byId!, { uses: ['persons_id_rev (id_rev>? AND id_rev<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
      expectPlan(db, byPhone!, { uses: ['person_phones_rev (phone_rev>? AND phone_rev<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });

    it('pinyin initials: a person_activity_initials range walked in order', () => {
      const [run] = search('zs', 'initials', 1);
      expectPlan(db, run!, { uses: ['COVERING INDEX person_activity_initials (initials>? AND initials<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });

    it('one initial (a broad range): still the person_activity_initials range walked in order', () => {
      const [run] = search('z', 'initials', 1);
      expectPlan(db, run!, { uses: ['COVERING INDEX person_activity_initials (initials>? AND initials<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });

    it('name prefix: a person_activity_name range walked in order', () => {
      const [run] = search('张', 'name', 1);
      expectPlan(db, run!, { uses: ['COVERING INDEX person_activity_name (name>? AND name<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });

    it('full name: a person_activity_name range walked in order', () => {
      const [run] = search(s.probe.name, 'name', 1);
      expectPlan(db, run!, { uses: ['COVERING INDEX person_activity_name (name>? AND name<?)', ...HIT_LOOKUPS], sortsOnlyIn: 't' });
    });
  });

  describe('likelyDuplicateIds', () => {
    it('same name + shared phone, and same name + same village: both halves of the UNION are index lookups', () => {
      const [run] = captureExactly(db, 1, 'likelyDuplicateIds', () => likelyDuplicateIds(db, s.probe.name, s.probe.phones, s.probe.villageId));
      expectPlan(db, run!, {
        uses: [
          // first half: driven by the name or by the phones; the other table is then a key lookup
          // (any scan of it fails the no-full-scan rule)
          ['SEARCH p USING COVERING INDEX persons_name (name=?)', 'SEARCH ph USING INDEX person_phones_phone (phone=?)'],
          'SEARCH p ',
          'SEARCH ph ',
          // second half
          'SEARCH persons USING COVERING INDEX persons_village_name (village_id=? AND name=?)',
        ],
      });
    });

    it('with no village and no phones: still no scan', () => {
      const [run] = captureExactly(db, 1, 'likelyDuplicateIds', () => likelyDuplicateIds(db, s.probe.name, [], null));
      expectPlan(db, run!, {
        uses: [['persons_name (name=?)', 'person_phones_phone (phone=?)'], 'persons_village_name (village_id=? AND name=?)'],
      });
    });
  });

  describe('personActivity', () => {
    it('last visit and matter count per id: correlated lookups on visit_persons/visits and matter_persons', () => {
      const ids = s.personIds.slice(0, 5);
      const [run] = captureExactly(db, 1, 'personActivity', () => personActivity(db, ids));
      expectPlan(db, run!, {
        uses: [
          'visit_persons_person (person_id=?)',
          'SEARCH v USING INTEGER PRIMARY KEY (rowid=?)',
          'SEARCH mp USING COVERING INDEX matter_persons_person (person_id=?)',
        ],
      });
    });
  });

  describe('mattersOfPersons', () => {
    it('matters by party: matter_persons_person, then matters by primary key, visits counted by visits_matter', () => {
      const ids = s.personIds.slice(0, 5);
      const [run] = captureExactly(db, 1, 'mattersOfPersons', () => mattersOfPersons(db, ids));
      expectPlan(db, run!, {
        uses: [
          'SEARCH matter_persons USING INDEX matter_persons_person (person_id=?)',
          'SEARCH m USING INTEGER PRIMARY KEY (rowid=?)',
          'SEARCH v USING COVERING INDEX visits_matter (matter_id=?)',
        ],
      });
    });
  });

  describe('getPersons', () => {
    it('persons by id list: primary key, village by primary key, phones by the (person_id, phone) key', () => {
      const ids = s.personIds.slice(0, 5);
      const [run] = captureExactly(db, 1, 'getPersons', () => getPersons(db, ids));
      expectPlan(db, run!, {
        uses: [
          'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
          'SEARCH v USING INTEGER PRIMARY KEY (rowid=?)',
          'sqlite_autoindex_person_phones_1 (person_id=?)',
        ],
      });
    });
  });

  describe('villages', () => {
    it('listVillages: the UNIQUE (township_code, name) index', () => {
      const [run] = captureExactly(db, 1, 'listVillages', () => listVillages(db, s.township));
      expectPlan(db, run!, { uses: ['sqlite_autoindex_villages_1 (township_code=?)'] });
    });

    it('findVillage: the UNIQUE (township_code, name) index, both columns', () => {
      const [run] = captureExactly(db, 1, 'findVillage', () => findVillage(db, s.township, s.villageNames[0]!));
      expectPlan(db, run!, { uses: ['sqlite_autoindex_villages_1 (township_code=? AND name=?)'] });
    });
  });
});
