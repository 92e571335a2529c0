/**
 * The county's store: one interface, two engines. Every query is written once with Kysely's builder
 * and runs on SQLite (the county folder's county.db, embedded, the default) or on PostgreSQL (a
 * county server, `--db postgres://…`). The desk keeps its synchronous better-sqlite3 store; the
 * county's is async because a database server is.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { IntakeError } from '../kernel/errors.js';
import { prefixUpper, reverse } from '../domain/search-query.js';
import { openCountyDatabase } from './county-db.js';
import { migratePostgres } from './county-migrations/postgres.js';
import type { CountyTables, ImportRow, OutboundRow, PersonIndexRow, RecordRow } from './county-tables.js';

export type { ImportRow, OutboundRow } from './county-tables.js';
export type CountyEngine = 'sqlite' | 'postgres';

export interface TownshipSummary {
  township: string;
  lastSequence: number;
  lastImportedAt: string;
  lastCreatedAt: string;
  bundles: number;
  records: Record<string, number>;
}

/** One record of a bundle: its data, or null for a delete. */
export interface RecordOp {
  tbl: string;
  rowKey: string;
  data: string | null;
}

/** What one import writes, inside its one transaction. */
export interface ImportWriter {
  /** The township's last sequence as the transaction sees it (a second clerk may have imported meanwhile). */
  lastSequence(township: string): Promise<number | null>;
  clearTownship(township: string): Promise<void>;
  /** A batch of one township's records; within a batch the last op per key wins. */
  apply(township: string, sequence: number, ops: readonly RecordOp[]): Promise<void>;
  insertImport(row: ImportRow): Promise<void>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

export interface CountyStore {
  readonly engine: CountyEngine;
  /** Where it is, for messages: the file, or the server without its password. */
  readonly location: string;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  lastImport(township: string): Promise<ImportRow | null>;
  importAt(township: string, sequence: number): Promise<ImportRow | null>;
  importedAuditHeads(): Promise<{ township: string; sequence: number; audit_head: string | null }[]>;
  countySummary(): Promise<TownshipSummary[]>;
  townshipRecords(township: string, tbl: string): Promise<{ row_key: string; data: string }[]>;
  /** Persons across townships by ID number (whole or its last digits), name, or pinyin initials. */
  searchPersons(q: { idNumber?: string; idTail?: string; name?: string; initials?: string; township?: string; personId?: number }, limit: number): Promise<PersonIndexRow[]>;
  /** Persons whose ID number is registered at two or more townships. */
  personsAtSeveral(limit: number): Promise<{ id_number: string; townships: number }[]>;
  /** Records of some keys of one table at one township (a person's matters). */
  recordsByKeys(township: string, tbl: string, keys: readonly string[]): Promise<{ row_key: string; data: string }[]>;
  /** The newest receipt or 交办件 batch sent to a township (the chain of what goes down). */
  lastOutbound(township: string, kind: string): Promise<OutboundRow | null>;
  insertOutbound(row: OutboundRow): Promise<void>;
  /** Every 交办件 batch sent, oldest first. */
  outboundAssignments(): Promise<OutboundRow[]>;
  /** Runs one import's writes in one transaction: all of them or none. */
  writeImport<T>(fn: (w: ImportWriter) => Promise<T>): Promise<T>;
  /** A logical digest of everything the county holds, the same on both engines for the same content. */
  digest(): Promise<string>;
  /** The builder itself, for the county's read services (figures, search) written once for both engines. */
  readonly db: Kysely<CountyTables>;
  /** The SQLite connection underneath (null on PostgreSQL): for the durability tests' journal only. */
  readonly sqlite: Database | null;
  close(): Promise<void>;
}

type Db = Kysely<CountyTables> | Transaction<CountyTables>;

const num = (v: unknown): number => Number(v);

async function getMeta(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('county_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('county_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();
}

const outboundRow = (r: OutboundRow | undefined): OutboundRow | null => (r ? { ...r, sequence: num(r.sequence), items: num(r.items) } : null);
const importRow = (r: ImportRow | undefined): ImportRow | null => (r ? { ...r, sequence: num(r.sequence), full: num(r.full) } : null);

/** Rows per multi-row statement: 5 parameters each, far under SQLite's and PostgreSQL's limits. */
const BATCH = 500;

async function applyOps(db: Db, township: string, sequence: number, ops: readonly RecordOp[]): Promise<void> {
  // The last op per key wins (PostgreSQL refuses one upsert touching a row twice).
  const last = new Map<string, RecordOp>();
  for (const op of ops) last.set(`${op.tbl}\u0000${op.rowKey}`, op);
  const upserts: RecordRow[] = [];
  const deletes = new Map<string, string[]>();
  for (const op of last.values()) {
    if (op.data === null) {
      const keys = deletes.get(op.tbl) ?? [];
      keys.push(op.rowKey);
      deletes.set(op.tbl, keys);
    } else upserts.push({ township, tbl: op.tbl, row_key: op.rowKey, data: op.data, sequence });
  }
  for (let i = 0; i < upserts.length; i += BATCH) {
    await db
      .insertInto('county_records')
      .values(upserts.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.columns(['township', 'tbl', 'row_key']).doUpdateSet({ data: (eb) => eb.ref('excluded.data'), sequence: (eb) => eb.ref('excluded.sequence') }),
      )
      .execute();
  }
  for (const [tbl, keys] of deletes) {
    for (let i = 0; i < keys.length; i += BATCH) {
      await db.deleteFrom('county_records').where('township', '=', township).where('tbl', '=', tbl).where('row_key', 'in', keys.slice(i, i + BATCH)).execute();
    }
  }
  // The person index follows the person records.
  const people = upserts.filter((r) => r.tbl === 'persons').map((r) => personIndexRow(township, r.data));
  for (let i = 0; i < people.length; i += BATCH) {
    await db
      .insertInto('county_persons')
      .values(people.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.columns(['township', 'person_id']).doUpdateSet({
          id_number: (eb) => eb.ref('excluded.id_number'),
          name: (eb) => eb.ref('excluded.name'),
          initials: (eb) => eb.ref('excluded.initials'),
          id_rev: (eb) => eb.ref('excluded.id_rev'),
        }),
      )
      .execute();
  }
  const gone = (deletes.get('persons') ?? []).map((k) => Number((JSON.parse(k) as unknown[])[0]));
  for (let i = 0; i < gone.length; i += BATCH) {
    await db.deleteFrom('county_persons').where('township', '=', township).where('person_id', 'in', gone.slice(i, i + BATCH)).execute();
  }
}

function personIndexRow(township: string, data: string): PersonIndexRow {
  const p = JSON.parse(data) as { id: number; id_number?: string | null; name?: string; initials?: string };
  const id = p.id_number ?? null;
  return { township, person_id: Number(p.id), id_number: id, name: p.name ?? '', initials: p.initials ?? '', id_rev: id === null ? null : reverse(id) };
}

function writer(trx: Transaction<CountyTables>): ImportWriter {
  return {
    lastSequence: async (township) => {
      const r = await trx.selectFrom('county_imports').select((eb) => eb.fn.max('sequence').as('s')).where('township', '=', township).executeTakeFirst();
      return r?.s === null || r?.s === undefined ? null : num(r.s);
    },
    clearTownship: async (township) => {
      await trx.deleteFrom('county_records').where('township', '=', township).execute();
      await trx.deleteFrom('county_persons').where('township', '=', township).execute();
    },
    apply: (township, sequence, ops) => applyOps(trx, township, sequence, ops),
    insertImport: async (row) => void (await trx.insertInto('county_imports').values(row).execute()),
    getMeta: (key) => getMeta(trx, key),
    setMeta: (key, value) => setMeta(trx, key, value),
  };
}

function makeStore(
  engine: CountyEngine,
  location: string,
  db: Kysely<CountyTables>,
  sqlite: Database | null,
  lockTownship: (trx: Transaction<CountyTables>) => Promise<void>,
): CountyStore {
  const lastImport = async (township: string) =>
    importRow(await db.selectFrom('county_imports').selectAll().where('township', '=', township).orderBy('sequence', 'desc').limit(1).executeTakeFirst());
  return {
    engine,
    location,
    db,
    sqlite,
    getMeta: (key) => getMeta(db, key),
    setMeta: (key, value) => setMeta(db, key, value),
    lastImport,
    importAt: async (township, sequence) =>
      importRow(await db.selectFrom('county_imports').selectAll().where('township', '=', township).where('sequence', '=', sequence).executeTakeFirst()),
    importedAuditHeads: async () =>
      (await db.selectFrom('county_imports').select(['township', 'sequence', 'audit_head']).orderBy('township').orderBy('sequence').execute()).map((r) => ({
        ...r,
        sequence: num(r.sequence),
      })),
    countySummary: async () => {
      const heads = await db
        .selectFrom('county_imports')
        .select((eb) => ['township', eb.fn.countAll().as('bundles')])
        .groupBy('township')
        .orderBy('township')
        .execute();
      const counts = await db
        .selectFrom('county_records')
        .select((eb) => ['township', 'tbl', eb.fn.countAll().as('n')])
        .groupBy(['township', 'tbl'])
        .orderBy('township')
        .orderBy('tbl')
        .execute();
      const out: TownshipSummary[] = [];
      for (const h of heads) {
        const last = (await lastImport(h.township))!;
        out.push({
          township: h.township,
          lastSequence: last.sequence,
          lastImportedAt: last.imported_at,
          lastCreatedAt: last.created_at,
          bundles: num(h.bundles),
          records: Object.fromEntries(counts.filter((c) => c.township === h.township).map((c) => [c.tbl, num(c.n)])),
        });
      }
      return out;
    },
    townshipRecords: (township, tbl) =>
      db.selectFrom('county_records').select(['row_key', 'data']).where('township', '=', township).where('tbl', '=', tbl).orderBy('row_key').execute(),
    searchPersons: async (q, limit) => {
      let query = db.selectFrom('county_persons').selectAll();
      if (q.idNumber) query = query.where('id_number', '=', q.idNumber);
      // Tails and initials as index ranges on both engines (a LIKE would read every person).
      if (q.idTail) query = query.where('id_rev', '>=', reverse(q.idTail)).where('id_rev', '<', prefixUpper(reverse(q.idTail)));
      if (q.name) query = query.where('name', '=', q.name);
      if (q.initials) query = query.where('initials', '>=', q.initials.toLowerCase()).where('initials', '<', prefixUpper(q.initials.toLowerCase()));
      if (q.township !== undefined) query = query.where('township', '=', q.township);
      if (q.personId !== undefined) query = query.where('person_id', '=', q.personId);
      const rows = await query.orderBy('id_number').orderBy('township').orderBy('person_id').limit(limit).execute();
      return rows.map((r) => ({ ...r, person_id: num(r.person_id) }));
    },
    personsAtSeveral: async (limit) =>
      (
        await db
          .selectFrom('county_persons')
          .select((eb) => ['id_number', eb.fn.count<number>('township').distinct().as('townships')])
          .where('id_number', 'is not', null)
          .groupBy('id_number')
          .having((eb) => eb.fn.count('township').distinct(), '>', 1)
          .orderBy('id_number')
          .limit(limit)
          .execute()
      ).map((r) => ({ id_number: r.id_number!, townships: num(r.townships) })),
    recordsByKeys: async (township, tbl, keys) =>
      keys.length === 0
        ? []
        : db.selectFrom('county_records').select(['row_key', 'data']).where('township', '=', township).where('tbl', '=', tbl).where('row_key', 'in', [...keys]).execute(),
    lastOutbound: async (township, kind) =>
      outboundRow(
        await db.selectFrom('county_outbound').selectAll().where('township', '=', township).where('kind', '=', kind).orderBy('sequence', 'desc').limit(1).executeTakeFirst(),
      ),
    insertOutbound: async (row) => void (await db.insertInto('county_outbound').values(row).execute()),
    outboundAssignments: async () =>
      (await db.selectFrom('county_outbound').selectAll().where('kind', '=', 'assignment').orderBy('created_at').orderBy('township').orderBy('sequence').execute()).map(
        (r) => outboundRow(r)!,
      ),
    writeImport: (fn) =>
      db.transaction().execute(async (trx) => {
        await lockTownship(trx);
        return fn(writer(trx));
      }),
    digest: async () => {
      const hash = createHash('sha256');
      hash.update('#county_meta\n');
      for (const r of await db.selectFrom('county_meta').selectAll().orderBy('key').execute()) hash.update(JSON.stringify([r.key, r.value]));
      hash.update('#county_imports\n');
      for (const r of await db.selectFrom('county_imports').selectAll().orderBy('township').orderBy('sequence').execute()) {
        const x = importRow(r)!;
        hash.update(JSON.stringify([x.township, x.sequence, x.sha256, x.previous, x.key_id, x.suite, x.full, x.created_at, x.imported_at, x.counts, x.audit_head]));
      }
      hash.update('#county_records\n');
      for (const r of await db.selectFrom('county_records').selectAll().orderBy('township').orderBy('tbl').orderBy('row_key').execute()) {
        hash.update(JSON.stringify([r.township, r.tbl, r.row_key, r.data, num(r.sequence)]));
      }
      hash.update('#county_outbound\n');
      for (const r of await db.selectFrom('county_outbound').selectAll().orderBy('township').orderBy('kind').orderBy('sequence').execute()) {
        const x = outboundRow(r)!;
        hash.update(JSON.stringify([x.township, x.kind, x.sequence, x.sha256, x.previous, x.key_id, x.created_at, x.expires_at, x.source, x.batch, x.items, x.about]));
      }
      hash.update('#county_persons\n');
      for (const r of await db.selectFrom('county_persons').selectAll().orderBy('township').orderBy('person_id').execute()) {
        hash.update(JSON.stringify([r.township, num(r.person_id), r.id_number, r.name, r.initials]));
      }
      return hash.digest('hex');
    },
    close: () => db.destroy(),
  };
}

/** SQLite: the same open as the desk's (WAL, synchronous=FULL, numbered migrations), then Kysely over it. */
export function openSqliteCountyStore(file: string): CountyStore {
  const database = openCountyDatabase(file);
  const db = new Kysely<CountyTables>({ dialect: new SqliteDialect({ database }) });
  // SQLite has one writer at a time: the transaction itself is the lock.
  return makeStore('sqlite', file, db, database, async () => {});
}

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/** The server and database of a connection string, never its password (for messages and logs). */
export function describePostgres(url: string): string {
  const m = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::[^@/]*)?@)?([^/?]*)(\/[^?]*)?(?:\?(.*))?$/i.exec(url);
  if (!m) return 'postgresql://…';
  const host = m[2] || new URLSearchParams(m[4] ?? '').get('host') || 'localhost';
  return `postgresql://${m[1] ? `${decodeURIComponent(m[1])}@` : ''}${host}${m[3] ?? ''}`;
}

/** PostgreSQL via `pg`: a small pool, the county schema migrated under an advisory lock. */
export async function openPostgresCountyStore(url: string): Promise<CountyStore> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<CountyTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migratePostgres(db);
  } catch (err) {
    await db.destroy();
    if (err instanceof IntakeError) throw err;
    throw new IntakeError('COUNTY_DB_UNREACHABLE', { detail: `${describePostgres(url)}: ${(err as Error).message}` });
  }
  // Two clerks importing at once: imports of the county are serialised, so the chain check inside
  // the transaction (ImportWriter.lastSequence) sees the other's commit.
  return makeStore('postgres', describePostgres(url), db, null, async (trx) => void (await sql`SELECT pg_advisory_xact_lock(hashtext('intake-county-import'))`.execute(trx)));
}

/** `--db`: a postgres:// URL opens PostgreSQL, anything else is a SQLite file. */
export async function openCountyStore(target: string): Promise<CountyStore> {
  return isPostgresUrl(target) ? openPostgresCountyStore(target) : openSqliteCountyStore(target);
}
