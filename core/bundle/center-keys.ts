/**
 * The center's signing key: made at setup, its public half and fingerprint kept in the database, its
 * private half in the key store. Rotation makes a new key and a certificate, signed by the old key,
 * that introduces the new one to the county (`intake county trust add --rotation FILE`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../kernel/context.js';
import { IntakeError } from '../kernel/errors.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { centerKeys, currentCenterKey, insertCenterKey, retireCenterKey, setCenterKeyRecipient, type CenterKeyRow } from '../store/bundles.js';
import { generateAgeKeyPair } from './age-identity.js';
import { centerTownship } from '../store/settings.js';
import { COUNTY } from '../store/reference-data.js';
import { enableAuditCheckpoints } from './audit-checkpoint.js';
import { signEnvelope } from './dsse.js';
import { fileKeyStore, KEYS_FOLDER } from './key-store.js';
import type { KeyStore } from '../kernel/key-store.js';
import { generateSigningKey, isSuite, type SigningKey, type Suite } from './suites.js';

export const ROTATION_TYPE = 'application/vnd.township-intake.key-rotation+json;version=1';
export const ROTATION_FORMAT = 'township-intake-key-rotation';

export function keyStoreOf(ctx: CoreContext): KeyStore {
  return ctx.keyStore ?? fileKeyStore(path.join(ctx.dataDir, KEYS_FOLDER));
}

const secretName = (keyId: string) => `signing-${keyId}`;
/** The age identity made with a signing key: what the county sends down is encrypted to its recipient. */
const ageSecretName = (keyId: string) => `age-${keyId}`;

export interface CenterKeyInfo {
  keyId: string;
  suite: Suite;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  storage: KeyStore['kind'];
  /** The private key is reachable from here (false e.g. for the CLI on a desk whose key is in safeStorage). */
  available: boolean;
  rotationFile: string | null;
  /** The township's age recipient (age1…), for the county's trust entry; null before the identity is made. */
  recipient: string | null;
}

function info(ctx: CoreContext, row: CenterKeyRow): CenterKeyInfo {
  const store = keyStoreOf(ctx);
  let available: boolean;
  try {
    available = store.load(secretName(row.key_id)) !== null;
  } catch {
    available = false;
  }
  const rotationFile = path.join(ctx.dataDir, KEYS_FOLDER, `rotation-${row.key_id}.json`);
  return {
    keyId: row.key_id,
    suite: row.suite,
    publicKey: row.public_key,
    fingerprint: formatFingerprint(row.key_id),
    createdAt: row.created_at,
    storage: store.kind,
    available,
    rotationFile: row.rotation && fs.existsSync(rotationFile) ? rotationFile : null,
    recipient: row.age_recipient,
  };
}

export function centerKeyInfo(ctx: CoreContext): CenterKeyInfo | null {
  const row = currentCenterKey(ctx.db);
  return row ? info(ctx, row) : null;
}

/** Stores the private key first: a row without its key would be a center that cannot sign. */
function adopt(ctx: CoreContext, key: SigningKey, rotation: string | null, age = generateAgeKeyPair()): void {
  const store = keyStoreOf(ctx);
  store.save(secretName(key.keyId), JSON.stringify(key));
  store.save(ageSecretName(key.keyId), age.identity);
  insertCenterKey(ctx.db, { key_id: key.keyId, suite: key.suite, public_key: key.publicKey, created_at: ctx.clock.now().toISOString(), rotation, age_recipient: age.recipient });
}

/** Setup: the center's first key (and its age identity), made once. Returns the current key either way. */
export function ensureCenterKey(ctx: CoreContext, suite: Suite = 'ed25519'): CenterKeyInfo {
  const existing = currentCenterKey(ctx.db);
  if (existing) {
    // A desk from before the age identity (migration 017) gets one beside its current key.
    if (!existing.age_recipient) {
      const age = generateAgeKeyPair();
      keyStoreOf(ctx).save(ageSecretName(existing.key_id), age.identity);
      setCenterKeyRecipient(ctx.db, existing.key_id, age.recipient);
      return centerKeyInfo(ctx)!;
    }
    return info(ctx, existing);
  }
  ctx.db.transaction(() => adopt(ctx, generateSigningKey(suite), null))();
  return centerKeyInfo(ctx)!;
}

/**
 * Every age identity this desk still holds (the current key's first): what the county sent to an
 * older recipient, before a rotation reached it, still opens. Identities are never deleted.
 */
export function centerAgeIdentities(ctx: CoreContext): { recipient: string; identity: string }[] {
  const store = keyStoreOf(ctx);
  const out: { recipient: string; identity: string }[] = [];
  // The current key first, then the retired ones, the most recently retired first (a fixed clock can give two keys one created_at).
  const rows = [...centerKeys(ctx.db)].sort((a, b) => (a.retired_at === null ? -1 : b.retired_at === null ? 1 : b.retired_at.localeCompare(a.retired_at)));
  for (const row of rows) {
    if (!row.age_recipient) continue;
    let identity: string | null;
    try {
      identity = store.load(ageSecretName(row.key_id));
    } catch {
      identity = null;
    }
    if (identity) out.push({ recipient: row.age_recipient, identity: identity.trim() });
  }
  return out;
}

/** The private key of the current center key; refused when it is not kept where this shell can reach. */
export function centerSigner(ctx: CoreContext): SigningKey {
  const row = currentCenterKey(ctx.db);
  if (!row) throw new IntakeError('KEY_UNAVAILABLE', { detail: 'no signing key has been made yet' });
  const store = keyStoreOf(ctx);
  let secret: string | null;
  try {
    secret = store.load(secretName(row.key_id));
  } catch (err) {
    throw new IntakeError('KEY_STORAGE_UNAVAILABLE', { detail: (err as Error).message });
  }
  if (secret === null) {
    throw new IntakeError('KEY_UNAVAILABLE', {
      detail: `key ${formatFingerprint(row.key_id)} is not in this ${store.kind} key store (is it kept by the desktop app?)`,
    });
  }
  const key = JSON.parse(secret) as SigningKey;
  if (key.keyId !== row.key_id || !isSuite(key.suite)) throw new IntakeError('KEY_UNAVAILABLE', { detail: 'the stored key does not match the database' });
  return key;
}

export interface RotationStatement {
  format: typeof ROTATION_FORMAT;
  version: 1;
  county: string;
  township: string;
  at: string;
  previous: { keyId: string; suite: Suite; publicKey: string };
  /** `recipient`: the new age identity's, made with the new key (issue 18); the county puts it on the trust entry. */
  next: { keyId: string; suite: Suite; publicKey: string; recipient?: string };
}

/**
 * A new key, introduced by a certificate the old key signs; the old private key is then removed, so a
 * later theft of this machine cannot sign as the old key. Writes keys/rotation-<newKeyId>.json.
 */
export function rotateCenterKey(ctx: CoreContext, suite?: Suite): { key: CenterKeyInfo; rotationFile: string; previous: string } {
  const township = centerTownship(ctx.db);
  if (!township) throw new IntakeError('TOWNSHIP_NOT_SET');
  const old = centerSigner(ctx);
  const next = generateSigningKey(suite ?? old.suite);
  const age = generateAgeKeyPair();
  const at = ctx.clock.now().toISOString();
  const statement: RotationStatement = {
    format: ROTATION_FORMAT,
    version: 1,
    county: COUNTY.code,
    township,
    at,
    previous: { keyId: old.keyId, suite: old.suite, publicKey: old.publicKey },
    next: { keyId: next.keyId, suite: next.suite, publicKey: next.publicKey, recipient: age.recipient },
  };
  const certificate = signEnvelope(ROTATION_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), old);
  const rotationFile = path.join(ctx.dataDir, KEYS_FOLDER, `rotation-${next.keyId}.json`);
  ctx.db.transaction(() => {
    retireCenterKey(ctx.db, old.keyId, at);
    adopt(ctx, next, certificate.toString('utf8'), age);
  })();
  fs.writeFileSync(rotationFile, certificate, { mode: 0o600 }); // public, but owner-only like every file of the desk
  keyStoreOf(ctx).remove(secretName(old.keyId));
  return { key: centerKeyInfo(ctx)!, rotationFile, previous: formatFingerprint(old.keyId) };
}

export function keyHistory(ctx: CoreContext): CenterKeyRow[] {
  return centerKeys(ctx.db);
}

/**
 * Setup at start: the first key is made when the desk first opens, and the audit trail's checkpoints
 * are signed with it from then on. Where no safe store exists (an Electron desk without a keyring)
 * the desk still starts; the admin page says why it cannot export.
 */
export function setUpCenterKey(ctx: CoreContext): void {
  try {
    ensureCenterKey(ctx);
  } catch (err) {
    ctx.log.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'the center signing key could not be made');
  }
  enableAuditCheckpoints(ctx, () => centerSigner(ctx));
}
