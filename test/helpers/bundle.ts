import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { Clock } from '../../core/kernel/clock.js';
import type { Core } from '../../core/app.js';
import { centerKeyInfo, centerSigner } from '../../core/bundle/center-keys.js';
import { sealBundle, type SealEntry } from '../../core/bundle/seal.js';
import { FORMAT, FORMAT_VERSION, type Manifest, type Statement } from '../../core/bundle/manifest.js';
import { initCounty, openCounty, type CountyDesk } from '../../core/bundle/county.js';
import type { CountyEngine } from '../../core/store/county-store.js';
import { setCounty } from '../../core/bundle/county-setting.js';
import { addKey, loadTrust, saveTrust } from '../../core/bundle/trust.js';
import type { Limits } from '../../core/bundle/manifest.js';
import type { Suite } from '../../core/bundle/suites.js';
import { fixedClock, tempDir, testCore } from './core.js';
import { makeId } from './ids.js';

export const T0 = '2026-11-24T09:00:00+08:00';

/** A clock the test can move. */
export function movableClock(iso = T0): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (v: string) => (now = new Date(v)) };
}

/** The engine newCounty() opens; forEachCountyEngine() sets it for each block it declares. */
let engine: CountyEngine = 'sqlite';

export async function newCounty(opts: { suite?: Suite; clock?: Clock; limits?: Partial<Limits> } = {}): Promise<CountyDesk> {
  const dir = path.join(tempDir('intake-county-'), 'county');
  const clock = opts.clock ?? fixedClock(T0);
  const db = engine === 'postgres' ? await pgTestDatabase() : undefined;
  await initCounty(dir, { suite: opts.suite, clock, db });
  return openCounty(dir, { clock, limits: opts.limits, db });
}

/** Trusts a township desk's current key at the county, as `intake county trust add` would. */
export async function trustTownship(county: CountyDesk, core: Core, township = 'ZMQ', extra: { validFrom?: string; validUntil?: string } = {}): Promise<string> {
  const key = centerKeyInfo(core.ctx)!;
  const trust = await loadTrust(county.dir, county.store, county.info.root);
  const added = addKey(trust, { township, publicKey: key.publicKey, fingerprint: key.fingerprint, at: county.clock.now().toISOString(), recipient: key.recipient, ...extra });
  await saveTrust(county.dir, county.store, county.rootKey(), added.trust);
  return key.keyId;
}

/** A township desk that knows the county (from its card) and has the county trusting its key. */
export async function newTownship(county: CountyDesk | null, opts: { clock?: Clock; township?: string; dataDir?: string } = {}): Promise<Core> {
  const core = testCore({ township: opts.township ?? 'ZMQ', clock: opts.clock, dataDir: opts.dataDir });
  if (county) {
    const card = fs.readFileSync(path.join(county.dir, 'county-card.json'), 'utf8');
    core.ctx.db.transaction(() => setCounty(core.ctx, { card }))();
    await trustTownship(county, core, opts.township ?? 'ZMQ');
  }
  return core;
}

/** Everything the county holds, hashed the same way on both engines. */
export const countyDigest = (county: CountyDesk): Promise<string> => county.store.digest();

// ---- the county store on both engines ----

/** The PostgreSQL of the tests (scripts/pg-test-cluster.sh prints it), or null. */
export const TEST_PG = process.env.INTAKE_TEST_PG || null;
const pgDatabases: string[] = [];

/** A fresh database on the test cluster, dropped after the PostgreSQL block. */
export async function pgTestDatabase(): Promise<string> {
  if (!TEST_PG) throw new Error('INTAKE_TEST_PG is not set');
  const name = `intake_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  pgDatabases.push(name);
  return withDatabase(TEST_PG, name);
}

/** The same connection string naming another database. */
export function withDatabase(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/i, `$1/${name}`);
}

export async function dropPgDatabases(): Promise<void> {
  if (!TEST_PG || pgDatabases.length === 0) return;
  const admin = new pg.Client({ connectionString: TEST_PG });
  await admin.connect();
  try {
    for (const name of pgDatabases.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Declares `body` twice: on SQLite, and on PostgreSQL when INTAKE_TEST_PG names a server; without
 * one the PostgreSQL block is skipped and says why.
 */
export function forEachCountyEngine(body: (engine: CountyEngine) => void): void {
  describe('on SQLite', () => {
    beforeAll(() => void (engine = 'sqlite'));
    body('sqlite');
  });
  if (!TEST_PG) console.warn('county store on PostgreSQL: skipped, INTAKE_TEST_PG is not set (bash scripts/pg-test-cluster.sh start prints it)');
  describe.skipIf(!TEST_PG)('on PostgreSQL', () => {
    beforeAll(() => void (engine = 'postgres'));
    afterAll(async () => {
      engine = 'sqlite';
      await dropPgDatabases();
    });
    body('postgres');
  });
}

let seq = 100;
/** Registers one visit with a new person, an attachment, and returns the matter id. */
export function registerOne(core: Core, name = '张三', attachment: string | null = '扫描件'): number {
  seq += 2;
  const r = core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name, idNumber: makeId('1968-03-15', seq), phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: '要求兑现征地补偿款', levelSkips: [{ level: 'county' }] },
    attachments: attachment ? [{ fileName: `${name}.pdf`, mime: 'application/pdf', dataBase64: Buffer.from(`${attachment} ${name} ${seq}`).toString('base64') }] : [],
  });
  if (!r.ok) throw new Error(`register: ${r.code} ${r.message_zh}`);
  return r.value.matterId;
}

/** A logical dump of a database: every table's rows in a stable order, hashed. */
export function dbDigest(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    hash.update(String(db.pragma('user_version', { simple: true })));
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const t of tables) {
      hash.update(`\n#${t}\n`);
      const columns = (db.prepare(`PRAGMA table_info("${t}")`).all() as unknown[]).length;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).all()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

export function countyDbFile(county: CountyDesk): string {
  if (!county.store.sqlite) throw new Error('a PostgreSQL county has no file');
  return county.store.sqlite.name;
}

// ---- hostile bundles: validly signed by a trusted township key, with a payload the test chooses ----

export interface CraftOptions {
  chain?: Partial<Omit<Statement, 'payload'>>;
  manifest?: (m: Manifest) => unknown;
  entries?: (e: SealEntry[]) => SealEntry[];
  recipient?: string;
  records?: string[];
}

export async function craft(core: Core, county: Pick<CountyDesk, 'info'>, opts: CraftOptions = {}): Promise<string> {
  const signer = centerSigner(core.ctx);
  const now = core.ctx.clock.now();
  const chain: Omit<Statement, 'payload'> = {
    format: FORMAT,
    version: FORMAT_VERSION,
    county: '341523',
    township: 'ZMQ',
    keyId: signer.keyId,
    suite: signer.suite,
    sequence: 1,
    previous: null,
    full: true,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    ...opts.chain,
  };
  const records = opts.records ?? [JSON.stringify({ id: 1, name: '测试' })];
  const body = Buffer.from(records.map((r) => `${r}\n`).join(''), 'utf8');
  let entries: SealEntry[] = [{ path: 'tables/projects.ndjson', size: body.length, bytes: body }];
  const manifest: Manifest = {
    ...chain,
    changes: { after: 0, upTo: 0 },
    files: entries.map((e) => ({ path: e.path, size: e.size, sha256: createHash('sha256').update(e.bytes!).digest('hex') })),
    counts: { projects: { rows: records.length, deletes: 0 } },
    audit: null,
    producer: { app: 'test', version: '0' },
  };
  const m = opts.manifest ? opts.manifest(manifest) : manifest;
  if (opts.entries) entries = opts.entries(entries);
  const out = path.join(tempDir('intake-craft-'), 'crafted.bundle');
  await sealBundle({ out, chain, manifest: Buffer.from(JSON.stringify(m), 'utf8'), entries, signer, recipient: opts.recipient ?? county.info.recipient });
  return out;
}

/** An in-memory entry for craft(). */
export function entry(p: string, content: string | Buffer): SealEntry {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { path: p, size: bytes.length, bytes };
}
export function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}
