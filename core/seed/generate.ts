/**
 * Synthetic data for benchmarks and demos: a township center's ten years of persons, matters and
 * visits, including group visits (集体访) and repeat visits (重复访), deterministic for a seed.
 *
 * Rows go in through the store's own insert functions (the same ones registration uses), thousands
 * per transaction, so the data is exactly what the desk would have written, and a schema change
 * reaches the seed without a second copy of any SQL.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { formatCaseNo } from '../domain/case-number.js';
import { GROUP_THRESHOLD, MAX_REPRESENTATIVES } from '../domain/categories.js';
import { localDate, localYear } from '../domain/local-time.js';
import { bulkLoad, hasNoPersons } from '../store/bulk.js';
import { nextCaseSeq } from '../store/case-sequences.js';
import { insertMatter, linkMatterPersons } from '../store/matters.js';
import { insertPerson } from '../store/persons.js';
import { getTownship, listTownships } from '../store/townships.js';
import { listVillages } from '../store/villages.js';
import { insertVisit } from '../store/visits.js';
import { VisitCalendar } from './calendar.js';
import { EXTENSIONS, type SeedExtension, type SeededMatter, type SeededVisit } from './extensions.js';
import { matterContent } from './matters.js';
import { personFactory, type Village } from './people.js';
import { Rng } from './random.js';

export interface SeedOptions {
  persons: number;
  /** The center's township: every matter is registered (and numbered) there. */
  township: string;
  seed: string;
  /** "Now" for the data set: nothing happens after it. */
  end: Date;
  years?: number;
  /** Visits per person on average (2 gives 2M visits for 1M persons). */
  visitsPerPerson?: number;
  /** Matters per transaction. */
  batch?: number;
  extensions?: readonly SeedExtension[];
  onProgress?(persons: number, total: number): void;
}

export interface SeedSummary {
  persons: number;
  matters: number;
  visits: number;
  visitPersons: number;
  groupMatters: number;
  jointMatters: number;
  repeatVisits: number;
  returningParties: number;
  levelSkips: number;
  from: string;
  until: string;
  /** The instant the data ends at (ISO): "now" for the data set. */
  end: string;
  seconds: number;
}

export class SeedError extends Error {}

/** Bumped whenever the generator writes different data for the same options (the bench's cache key). */
export const GENERATOR_VERSION = 3;

// Matter kinds: one person; a few neighbours together (联名, not a group); a group visit (集体访).
const P_JOINT = 0.09;
const P_GROUP = 0.05;
/** The share of a matter's parties who came before with another matter. */
const P_RETURNING_SINGLE = 0.3;
const P_RETURNING_OTHER = 0.15;
/** Repeat visits: most matters get one visit; some two or three; a few are chronic (many visits). */
const P_CHRONIC = 0.25;
const CHRONIC_MORE = 0.75; // geometric: 3 + 3 more visits on average
const mixInner = (1 - P_CHRONIC) * 1.5 + P_CHRONIC * (3 + CHRONIC_MORE / (1 - CHRONIC_MORE));

/** Persons registered in a matter of each kind (joint: 2–4, group: 2–8 of those who came). */
const NEW_PER_MATTER =
  (1 - P_JOINT - P_GROUP) * (1 - P_RETURNING_SINGLE) + P_JOINT * 3 * (1 - P_RETURNING_OTHER) + P_GROUP * 5 * (1 - P_RETURNING_OTHER);

export function seedDatabase(db: Database, opts: SeedOptions): SeedSummary {
  const started = performance.now();
  const total = opts.persons;
  if (!Number.isInteger(total) || total < 1) throw new SeedError('--persons must be a positive whole number');
  if (!getTownship(db, opts.township)) throw new SeedError(`unknown township code: ${opts.township}`);
  if (!hasNoPersons(db)) throw new SeedError('the database already holds persons; seed an empty data folder');
  const extensions = opts.extensions ?? EXTENSIONS.map((make) => make(opts.seed));
  const batch = opts.batch ?? 2000;
  const calendar = new VisitCalendar(opts.end, opts.years ?? 10);
  const rng = new Rng(opts.seed);
  const extRng = rng.fork('extensions');

  const townships = listTownships(db);
  const townshipName = new Map(townships.map((t) => [t.code, t.name]));
  const allVillages: Village[] = townships.flatMap((t) =>
    listVillages(db, t.code).map((v) => ({ id: v.id, townshipCode: v.townshipCode, name: v.name })),
  );
  const home = allVillages.filter((v) => v.townshipCode === opts.township);
  if (home.length === 0) throw new SeedError(`township ${opts.township} has no villages in the reference data`);
  const villageById = new Map(allVillages.map((v) => [v.id, v]));
  const people = personFactory(rng.fork('persons'), { home, elsewhere: allVillages.filter((v) => v.townshipCode !== opts.township) });

  // Extra visits per matter so that visits ≈ visitsPerPerson × persons.
  const extraPerMatter = Math.max(0, (opts.visitsPerPerson ?? 2) * NEW_PER_MATTER - 1);
  const pRepeat = Math.min(1, extraPerMatter / mixInner);

  const ids = new Int32Array(total);
  const s: SeedSummary = {
    persons: 0, matters: 0, visits: 0, visitPersons: 0, groupMatters: 0, jointMatters: 0, repeatVisits: 0,
    returningParties: 0, levelSkips: 0, from: calendar.first, until: localDate(opts.end), end: opts.end.toISOString(), seconds: 0,
  };

  const oneMatter = (): void => {
    const at = calendar.at(s.persons / total);
    const iso = at.toISOString();
    const date = localDate(at);
    const k = rng.next();
    const kind = k < P_GROUP ? 'group' : k < P_GROUP + P_JOINT ? 'joint' : 'single';
    const parties = kind === 'single' ? 1 : kind === 'joint' ? rng.between(2, 4) : rng.between(2, 8);
    const pReturning = kind === 'single' ? P_RETURNING_SINGLE : P_RETURNING_OTHER;

    const personIds: number[] = [];
    let placeVillage: Village | null = null;
    for (let i = 0; i < parties && s.persons < total; i++) {
      if (s.persons > 0 && rng.chance(pReturning)) {
        const again = ids[rng.int(s.persons)]!;
        if (!personIds.includes(again)) {
          personIds.push(again);
          s.returningParties++;
        }
        continue;
      }
      const row = people.make(date);
      const id = insertPerson(db, row, iso);
      ids[s.persons++] = id;
      personIds.push(id);
      if (!placeVillage && row.villageId !== null) placeVillage = villageById.get(row.villageId) ?? null;
    }
    if (personIds.length === 0) return;
    if (!placeVillage || placeVillage.townshipCode !== opts.township) placeVillage = rng.pick(home);

    const year = localYear(at);
    const seq = nextCaseSeq(db, opts.township, year);
    if (seq > 999_999) throw new SeedError(`more than 999,999 matters in ${year}: too many persons for ${opts.years ?? 10} years`);
    const caseNo = formatCaseNo(opts.township, year, seq);
    const content = matterContent(rng, { village: placeVillage.name, township: townshipName.get(opts.township)! }, year, date);
    const isGroup = kind === 'group';
    const matterId = insertMatter(
      db,
      {
        caseNo,
        townshipCode: opts.township,
        channel: content.channel,
        purpose: content.purpose,
        category: content.category,
        tags: content.tags,
        request: content.request,
        facts: content.facts,
        placeTownship: opts.township,
        placeVillageId: placeVillage.id,
        isGroup,
        registeredAt: iso,
        levelSkips: content.levelSkips.map((s) => ({ ...s, abnormal: false })), // the generator marks none 非正常 (its output stays as before)
      },
      iso,
    );
    linkMatterPersons(db, matterId, personIds);
    s.matters++;
    s.levelSkips += content.levelSkips.length;
    if (isGroup) s.groupMatters++;
    if (kind === 'joint') s.jointMatters++;

    // A group chooses at most five representatives among those registered.
    const reps = isGroup ? Math.min(personIds.length, MAX_REPRESENTATIVES, rng.between(1, 5)) : 0;
    const groupSize = GROUP_THRESHOLD + rng.geometric(0.9, 195);
    const visits: SeededVisit[] = [];
    const visit = (when: Date, who: number[], headcount: number, roles: 'group' | 'plain', repeat: boolean): void => {
      const channel = repeat ? (rng.chance(0.9) ? '走访' : '来电') : content.channel;
      const involved = headcount >= GROUP_THRESHOLD ? headcount * rng.between(1, 8) : headcount + (rng.chance(0.2) ? rng.between(1, 5) : 0);
      const id = insertVisit(
        db,
        {
          matterId,
          visitedAt: when.toISOString(),
          channel,
          headcount,
          involved,
          isRepeat: repeat,
          persons: who.map((personId, i) => ({ personId, role: roles === 'group' && i < reps ? 'representative' : 'visitor' })),
        },
        when.toISOString(),
      );
      visits.push({ id, at: when, personIds: who });
      s.visits++;
      s.visitPersons += who.length;
      if (repeat) s.repeatVisits++;
    };

    const firstHeadcount = isGroup
      ? Math.max(groupSize, personIds.length)
      : Math.min(GROUP_THRESHOLD - 1, personIds.length + (rng.chance(0.1) ? 1 : 0)); // someone came along
    visit(at, personIds, firstHeadcount, isGroup ? 'group' : 'plain', false);

    let extra = 0;
    if (rng.chance(pRepeat)) extra = rng.chance(P_CHRONIC) ? 3 + rng.geometric(CHRONIC_MORE, 60) : rng.between(1, 2);
    let last = at;
    for (let v = 0; v < extra; v++) {
      const gap = 3 + Math.floor(-Math.log(1 - rng.next()) * 45); // days: a few days to months later
      const when = calendar.later(rng, last, gap);
      if (!when) break;
      last = when;
      if (isGroup && rng.chance(0.6)) {
        // The group comes back with its representatives.
        visit(when, personIds.slice(0, Math.max(1, reps)), Math.max(GROUP_THRESHOLD, Math.round(groupSize * (0.5 + rng.next()))), 'group', true);
      } else {
        const who = kind === 'single' ? personIds : personIds.slice(0, rng.between(1, personIds.length));
        visit(when, who, who.length, 'plain', true);
      }
    }

    if (extensions.length > 0) {
      const seeded: SeededMatter = { id: matterId, caseNo, townshipCode: opts.township, registeredAt: at, isGroup, personIds, visits };
      for (const e of extensions) e.afterMatter?.(db, extRng, seeded, opts.end);
    }
  };

  bulkLoad(db, () => {
    const step = db.transaction(() => {
      for (let m = 0; m < batch && s.persons < total; m++) oneMatter();
    });
    while (s.persons < total) {
      step();
      opts.onProgress?.(s.persons, total);
    }
    if (extensions.some((e) => e.finish)) db.transaction(() => extensions.forEach((e) => e.finish?.(db, extRng, opts.end)))();
  });
  s.seconds = (performance.now() - started) / 1000;
  return s;
}
