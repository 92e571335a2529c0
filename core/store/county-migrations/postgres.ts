/**
 * The county schema on PostgreSQL: the same numbered steps as the SQLite migrations beside this
 * file (001-county.ts …), written with Kysely's schema builder, their version kept in
 * county_schema. All pending steps run in one transaction under an advisory lock, so two county
 * workstations starting against one server at once migrate it once.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema steps and county_schema are outside CountyTables on purpose
type AnyDb = Kysely<any>;
import { IntakeError } from '../../kernel/errors.js';

interface Step {
  version: number;
  name: string;
  up(db: AnyDb): Promise<void>;
}

const STEPS: readonly Step[] = [
  {
    version: 1,
    name: 'county',
    up: async (db) => {
      await db.schema.createTable('county_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
      await db.schema
        .createTable('county_imports')
        .addColumn('township', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().unique())
        .addColumn('previous', 'text')
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('suite', 'text', (c) => c.notNull())
        .addColumn('full', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('audit_head', 'text')
        .addPrimaryKeyConstraint('county_imports_pk', ['township', 'sequence'])
        .execute();
      await db.schema
        .createTable('county_records')
        .addColumn('township', 'text', (c) => c.notNull())
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('county_records_pk', ['township', 'tbl', 'row_key'])
        .execute();
    },
  },
  {
    version: 2,
    name: 'county-persons',
    up: async (db) => {
      await db.schema
        .createTable('county_persons')
        .addColumn('township', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull())
        .addColumn('id_number', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('initials', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('county_persons_pk', ['township', 'person_id'])
        .execute();
      for (const col of ['id_number', 'name', 'initials']) await db.schema.createIndex(`county_persons_${col === 'id_number' ? 'id' : col}`).on('county_persons').column(col).execute();
      await sql`INSERT INTO county_persons (township, person_id, id_number, name, initials)
        SELECT township, (data::json->>'id')::integer, data::json->>'id_number', data::json->>'name', coalesce(data::json->>'initials', '')
          FROM county_records WHERE tbl = 'persons'`.execute(db);
    },
  },
  {
    version: 3,
    name: 'county-outbound',
    up: async (db) => {
      await db.schema
        .createTable('county_outbound')
        .addColumn('township', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().unique())
        .addColumn('previous', 'text')
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('batch', 'text')
        .addColumn('items', 'integer', (c) => c.notNull())
        .addColumn('about', 'text')
        .addPrimaryKeyConstraint('county_outbound_pk', ['township', 'kind', 'sequence'])
        .execute();
    },
  },
  {
    version: 4,
    name: 'county-person-tails',
    up: async (db) => {
      await db.schema.alterTable('county_persons').addColumn('id_rev', 'text').execute();
      await db.schema.createIndex('county_persons_id_rev').on('county_persons').column('id_rev').execute();
      await sql`UPDATE county_persons SET id_rev = reverse(id_number) WHERE id_number IS NOT NULL`.execute(db);
    },
  },
];

export const POSTGRES_SCHEMA_VERSION = STEPS.at(-1)!.version;

export async function migratePostgres(db: AnyDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('intake-county-schema'))`.execute(trx);
    await trx.schema.createTable('county_schema').ifNotExists().addColumn('version', 'integer', (c) => c.notNull()).execute();
    const row = (await trx.selectFrom('county_schema').select('version').executeTakeFirst()) as { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new IntakeError('DB_TOO_NEW', { detail: `county schema ${current}, this app knows ${POSTGRES_SCHEMA_VERSION}` });
    }
    for (const step of STEPS) if (step.version > current) await step.up(trx);
    if (row) await trx.updateTable('county_schema').set({ version: POSTGRES_SCHEMA_VERSION }).execute();
    else await trx.insertInto('county_schema').values({ version: POSTGRES_SCHEMA_VERSION }).execute();
  });
}
