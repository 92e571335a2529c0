/**
 * The county bureau's folder: its root signing key, its age identity, the trust file, its database,
 * the attachments it received, and the quarantine. Everything the county CLI does starts here.
 *
 *   root.key  age.key       private (0600)
 *   county.json             public: county code, name, recipient, root key
 *   county-card.json        the signed card to give every township (`intake bundle set-county --card`)
 *   trust.json              township keys, signed by the root key
 *   county.db  attachments/  quarantine/  staging/
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import type { Clock } from '../kernel/clock.js';
import { IntakeError } from '../kernel/errors.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { isPostgresUrl, openCountyStore, type CountyStore } from '../store/county-store.js';
import { COUNTY } from '../store/reference-data.js';
import { createPrivateFile, repairOwnerOnly } from '../store/data-dir.js';
import { makeCard, type CountyIssuer } from './county-card.js';
import { writePrivateFile } from './key-store.js';
import { DEFAULT_LIMITS, type Limits } from './manifest.js';
import { generateSigningKey, type SigningKey, type Suite } from './suites.js';
import { emptyTrust, saveTrust } from './trust.js';

export const COUNTY_FILES = {
  rootKey: 'root.key',
  identity: 'age.key',
  info: 'county.json',
  card: 'county-card.json',
  trust: 'trust.json',
  db: 'county.db',
  attachments: 'attachments',
  quarantine: 'quarantine',
  staging: 'staging',
} as const;

export interface CountyInfo {
  county: string;
  name: string;
  recipient: string;
  root: { suite: Suite; publicKey: string; keyId: string };
  createdAt: string;
  /** Issuing keys (issue 18): the newest unrevoked one signs receipts and 交办件 batches; the card names them all. */
  issuers?: CountyIssuer[];
}

export interface CountyDesk {
  dir: string;
  info: CountyInfo;
  /** The county's store: county.db in the folder, another SQLite file, or a PostgreSQL server. */
  store: CountyStore;
  clock: Clock;
  limits: Limits;
  rootKey(): SigningKey;
  /** The key that signs what goes down: the newest unrevoked issuing key, else the root. */
  issuer(): SigningKey;
  identity(): string;
  close(): Promise<void>;
}

const ROOT_PIN = 'root_key_id';
const issuerFile = (keyId: string) => `issue-${keyId}.key`;

/**
 * A new issuing key; the one before is revoked from now (a desk that loads the new card refuses what
 * it signs). Rewrites county.json and county-card.json: give the new card to every township.
 */
export function rotateIssuer(desk: CountyDesk): { issuer: CountyIssuer; revoked: string | null; cardFile: string } {
  const at = desk.clock.now().toISOString();
  const next = generateSigningKey(desk.info.root.suite);
  writePrivateFile(path.join(desk.dir, issuerFile(next.keyId)), JSON.stringify(next));
  const before = desk.info.issuers ?? [];
  const current = before.find((i) => !i.revokedAt) ?? null;
  const issuer: CountyIssuer = { keyId: next.keyId, suite: next.suite, publicKey: next.publicKey, createdAt: at, revokedAt: null };
  desk.info.issuers = [...before.map((i) => (i.revokedAt ? i : { ...i, revokedAt: at })), issuer];
  fs.writeFileSync(path.join(desk.dir, COUNTY_FILES.info), `${JSON.stringify(desk.info, null, 2)}\n`, { mode: 0o600 });
  const cardFile = path.join(desk.dir, COUNTY_FILES.card);
  const { county, name, recipient } = desk.info;
  fs.writeFileSync(cardFile, makeCard(desk.rootKey(), { county, name, recipient, createdAt: at, issuers: desk.info.issuers }), { mode: 0o600 });
  if (current) fs.rmSync(path.join(desk.dir, issuerFile(current.keyId)), { force: true });
  return { issuer, revoked: current?.keyId ?? null, cardFile };
}

export async function initCounty(dir: string, opts: { suite?: Suite; clock: Clock; name?: string; db?: string }): Promise<{ info: CountyInfo; cardFile: string }> {
  if (fs.existsSync(path.join(dir, COUNTY_FILES.info))) throw new IntakeError('COUNTY_EXISTS', { detail: dir });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const sub of [COUNTY_FILES.attachments, COUNTY_FILES.quarantine, COUNTY_FILES.staging]) fs.mkdirSync(path.join(dir, sub), { mode: 0o700 });
  const root = generateSigningKey(opts.suite ?? 'ed25519');
  const issuer = generateSigningKey(opts.suite ?? 'ed25519');
  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  const createdAt = opts.clock.now().toISOString();
  const info: CountyInfo = {
    county: COUNTY.code,
    name: opts.name ?? `${COUNTY.name}信访局`,
    recipient,
    root: { suite: root.suite, publicKey: root.publicKey, keyId: root.keyId },
    createdAt,
    issuers: [{ keyId: issuer.keyId, suite: issuer.suite, publicKey: issuer.publicKey, createdAt, revokedAt: null }],
  };
  writePrivateFile(path.join(dir, COUNTY_FILES.rootKey), JSON.stringify(root));
  writePrivateFile(path.join(dir, issuerFile(issuer.keyId)), JSON.stringify(issuer));
  writePrivateFile(path.join(dir, COUNTY_FILES.identity), `${identity}\n`);
  fs.writeFileSync(path.join(dir, COUNTY_FILES.info), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  const cardFile = path.join(dir, COUNTY_FILES.card);
  fs.writeFileSync(cardFile, makeCard(root, { county: info.county, name: info.name, recipient, createdAt, issuers: info.issuers }), { mode: 0o600 });
  const target = opts.db ?? path.join(dir, COUNTY_FILES.db);
  if (!isPostgresUrl(target)) createPrivateFile(target);
  const store = await openCountyStore(target);
  try {
    await store.setMeta(ROOT_PIN, root.keyId);
    await saveTrust(dir, store, root, emptyTrust(info.county, createdAt));
  } finally {
    await store.close();
  }
  return { info, cardFile };
}

/**
 * Opens an initialised county folder; the database is the folder's own county.db unless `db` names
 * another SQLite file or a postgres:// server.
 */
export async function openCounty(dir: string, opts: { db?: string; clock: Clock; limits?: Partial<Limits> }): Promise<CountyDesk> {
  const infoFile = path.join(dir, COUNTY_FILES.info);
  if (!fs.existsSync(infoFile)) throw new IntakeError('COUNTY_NOT_INITIALISED', { detail: dir });
  const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as CountyInfo;
  // Owner-only, as a desk's data folder (docs/security.md): repaired on every open.
  repairOwnerOnly(dir);
  if (!opts.db) createPrivateFile(path.join(dir, COUNTY_FILES.db));
  const target = opts.db ?? path.join(dir, COUNTY_FILES.db);
  const store = await openCountyStore(isPostgresUrl(target) ? target : path.resolve(target));
  // The root is pinned in the database at first use: a swapped county.json cannot bring its own root.
  const pinned = await store.getMeta(ROOT_PIN);
  if (pinned === null) await store.setMeta(ROOT_PIN, info.root.keyId);
  else if (pinned !== info.root.keyId) {
    await store.close();
    throw new IntakeError('TRUST_INVALID', { detail: `county.json names root ${formatFingerprint(info.root.keyId)}, the database was set up with ${formatFingerprint(pinned)}` });
  }
  let identity: string | null = null;
  let root: SigningKey | null = null;
  const rootKey = () => (root ??= JSON.parse(fs.readFileSync(path.join(dir, COUNTY_FILES.rootKey), 'utf8')) as SigningKey);
  return {
    dir,
    info,
    store,
    clock: opts.clock,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    rootKey,
    issuer: () => {
      const current = [...(info.issuers ?? [])].reverse().find((i) => !i.revokedAt);
      return current ? (JSON.parse(fs.readFileSync(path.join(dir, issuerFile(current.keyId)), 'utf8')) as SigningKey) : rootKey();
    },
    identity: () => (identity ??= fs.readFileSync(path.join(dir, COUNTY_FILES.identity), 'utf8').trim()),
    close: () => store.close(),
  };
}
