/**
 * The county's trust file: which township keys it accepts, from when until when, and which it has
 * revoked. It is a DSSE envelope signed by the county root key and is verified on every use; its
 * serial only grows, and the highest serial used is pinned in the county database, so an older copy
 * (one from before a revocation) cannot be put back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IntakeError } from '../kernel/errors.js';
import { normaliseFingerprint } from '../domain/fingerprint.js';
import type { CountyStore } from '../store/county-store.js';
import { ROTATION_FORMAT, ROTATION_TYPE } from './center-keys.js';
import { openEnvelope, signEnvelope } from './dsse.js';
import { parsePublicKey, SUITES, type SigningKey } from './suites.js';
import { isAgeRecipient } from './county-card.js';

export const TRUST_TYPE = 'application/vnd.township-intake.trust+json;version=1';
const TRUST_FILE = 'trust.json';
const SERIAL_PIN = 'trust_serial';

const iso = z.iso.datetime({ offset: true });
const trustKeySchema = z
  .object({
    keyId: z.string().regex(/^[0-9a-f]{32}$/),
    township: z.string().regex(/^[A-Z]{2,4}$/),
    suite: z.enum(SUITES),
    publicKey: z.string().max(200),
    validFrom: iso.nullable(),
    validUntil: iso.nullable(),
    revokedAt: iso.nullable(),
    revokedReason: z.string().max(500).nullable(),
    addedAt: iso,
    /** The key whose rotation certificate introduced this one, if any. */
    introducedBy: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
    /** The township's age recipient published with this key: receipts and 交办件 are encrypted to it (issue 18). */
    recipient: z.string().regex(/^age1[0-9a-z]{20,200}$/).nullable().optional(),
  })
  .strict();
const trustSchema = z
  .object({
    format: z.literal('township-intake-trust'),
    version: z.literal(1),
    county: z.string().regex(/^\d{6}$/),
    serial: z.number().int().min(1),
    updatedAt: iso,
    keys: z.array(trustKeySchema).max(10_000),
  })
  .strict();
export type TrustKey = z.infer<typeof trustKeySchema>;
export type Trust = z.infer<typeof trustSchema>;

export function emptyTrust(county: string, at: string): Trust {
  return { format: 'township-intake-trust', version: 1, county, serial: 0, updatedAt: at, keys: [] };
}

/** Signs and writes the next serial of the trust file, and pins that serial in the county database. */
export async function saveTrust(dir: string, store: Pick<CountyStore, 'setMeta'>, root: SigningKey, trust: Trust): Promise<Trust> {
  const next: Trust = { ...trust, serial: trust.serial + 1 };
  const envelope = signEnvelope(TRUST_TYPE, Buffer.from(JSON.stringify(next), 'utf8'), root);
  const file = path.join(dir, TRUST_FILE);
  fs.writeFileSync(`${file}.tmp`, envelope, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
  await store.setMeta(SERIAL_PIN, String(next.serial));
  return next;
}

/** Reads the trust file, checks the root's signature and the serial pin, and only then parses it. */
export async function loadTrust(dir: string, store: Pick<CountyStore, 'getMeta'>, root: { keyId: string; publicKey: string }): Promise<Trust> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(dir, TRUST_FILE));
  } catch {
    throw new IntakeError('TRUST_INVALID', { detail: 'trust.json cannot be read' });
  }
  const opened = openEnvelope(
    bytes,
    TRUST_TYPE,
    (keyid) => {
      if (keyid !== root.keyId) throw new IntakeError('TRUST_INVALID', { detail: 'signed by another key than the county root' });
      return root.publicKey;
    },
    { malformed: 'TRUST_INVALID', signature: 'TRUST_INVALID' },
  );
  let trust: Trust;
  try {
    trust = trustSchema.parse(JSON.parse(opened.payload.toString('utf8')));
  } catch {
    throw new IntakeError('TRUST_INVALID', { detail: 'contents' });
  }
  const pinned = Number((await store.getMeta(SERIAL_PIN)) ?? '0');
  if (trust.serial < pinned) throw new IntakeError('TRUST_ROLLBACK', { detail: `serial ${trust.serial}, already used ${pinned}` });
  return trust;
}

export function findKey(trust: Trust, keyId: string): TrustKey | null {
  return trust.keys.find((k) => k.keyId === keyId) ?? null;
}

export function addKey(
  trust: Trust,
  input: {
    township: string; publicKey: string; fingerprint?: string; validFrom?: string | null; validUntil?: string | null; at: string; introducedBy?: string | null;
    recipient?: string | null;
  },
): { trust: Trust; key: TrustKey } {
  const parsed = parsePublicKey(input.publicKey.trim());
  if (!parsed) throw new IntakeError('INVALID_INPUT', { detail: 'public key must look like ed25519:<base64> or sm2:<base64>' });
  if (input.fingerprint !== undefined && normaliseFingerprint(input.fingerprint) !== parsed.keyId) throw new IntakeError('FINGERPRINT_MISMATCH');
  if (findKey(trust, parsed.keyId)) throw new IntakeError('TRUST_KEY_EXISTS', { detail: parsed.keyId });
  if (input.recipient && !isAgeRecipient(input.recipient)) throw new IntakeError('RECIPIENT_INVALID', { detail: 'the township recipient' });
  const key: TrustKey = {
    keyId: parsed.keyId,
    township: input.township,
    suite: parsed.suite,
    publicKey: parsed.publicKey,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    revokedAt: null,
    revokedReason: null,
    addedAt: input.at,
    introducedBy: input.introducedBy ?? null,
    ...(input.recipient ? { recipient: input.recipient } : {}),
  };
  return { trust: { ...trust, updatedAt: input.at, keys: [...trust.keys, key] }, key };
}

/** Sets the age recipient a township published for one of its keys (a key trusted before issue 18). */
export function setKeyRecipient(trust: Trust, keyIdOrFingerprint: string, recipient: string, at: string): { trust: Trust; key: TrustKey } {
  const id = normaliseFingerprint(keyIdOrFingerprint);
  const key = findKey(trust, id);
  if (!key) throw new IntakeError('TRUST_KEY_UNKNOWN', { detail: keyIdOrFingerprint });
  if (!isAgeRecipient(recipient)) throw new IntakeError('RECIPIENT_INVALID', { detail: 'the township recipient' });
  const next: TrustKey = { ...key, recipient };
  return { trust: { ...trust, updatedAt: at, keys: trust.keys.map((k) => (k.keyId === id ? next : k)) }, key: next };
}

/**
 * Where what goes down to a township is encrypted: the recipient on its newest key that is valid at
 * `at` and not revoked. Null when the township has published none.
 */
export function townshipRecipient(trust: Trust, township: string, at: string): string | null {
  const t = Date.parse(at);
  const keys = trust.keys
    .filter((k) => k.township === township && !k.revokedAt && k.recipient)
    .filter((k) => (k.validFrom === null || Date.parse(k.validFrom) <= t) && (k.validUntil === null || t <= Date.parse(k.validUntil)))
    .sort((a, b) => b.addedAt.localeCompare(a.addedAt));
  return keys[0]?.recipient ?? null;
}

export function revokeKey(trust: Trust, keyIdOrFingerprint: string, at: string, reason: string): { trust: Trust; key: TrustKey } {
  const id = normaliseFingerprint(keyIdOrFingerprint);
  const key = findKey(trust, id);
  if (!key) throw new IntakeError('TRUST_KEY_UNKNOWN', { detail: keyIdOrFingerprint });
  const revoked: TrustKey = { ...key, revokedAt: key.revokedAt ?? at, revokedReason: reason };
  return { trust: { ...trust, updatedAt: at, keys: trust.keys.map((k) => (k.keyId === id ? revoked : k)) }, key: revoked };
}

const rotationSchema = z
  .object({
    format: z.literal(ROTATION_FORMAT),
    version: z.literal(1),
    county: z.string().regex(/^\d{6}$/),
    township: z.string().regex(/^[A-Z]{2,4}$/),
    at: iso,
    previous: z.object({ keyId: z.string(), suite: z.enum(SUITES), publicKey: z.string() }).strict(),
    next: z.object({ keyId: z.string(), suite: z.enum(SUITES), publicKey: z.string(), recipient: z.string().max(200).optional() }).strict(),
  })
  .strict();

/**
 * A rotation certificate adds the township's new key when the key that signed it is trusted, not
 * revoked, and of the same township; from the moment the county adds it the new key is valid and the
 * old one no longer (import what the old key signed before adding the certificate).
 */
export function addRotation(trust: Trust, certificate: Buffer, at: string): { trust: Trust; key: TrustKey; previous: TrustKey } {
  let signer: TrustKey | null = null;
  const opened = openEnvelope(
    certificate,
    ROTATION_TYPE,
    (keyid) => {
      signer = findKey(trust, keyid);
      if (!signer) throw new IntakeError('ROTATION_INVALID', { detail: 'signed by a key the trust file does not list' });
      return signer.publicKey;
    },
    { malformed: 'ROTATION_INVALID', signature: 'ROTATION_INVALID' },
  );
  const old = signer as TrustKey | null;
  if (!old) throw new IntakeError('ROTATION_INVALID');
  if (old.revokedAt) throw new IntakeError('ROTATION_INVALID', { detail: 'the signing key is revoked' });
  let statement: z.infer<typeof rotationSchema>;
  try {
    statement = rotationSchema.parse(JSON.parse(opened.payload.toString('utf8')));
  } catch {
    throw new IntakeError('ROTATION_INVALID', { detail: 'contents' });
  }
  if (statement.previous.keyId !== old.keyId || statement.township !== old.township || statement.county !== trust.county) {
    throw new IntakeError('ROTATION_INVALID', { detail: 'the certificate does not match the key that signed it' });
  }
  // Validity is by the county's clock (`at`, when it adds the certificate), as bundles are judged by
  // the time the county receives them: the certificate's own time is the desk's word.
  const added = addKey(trust, { township: old.township, publicKey: statement.next.publicKey, validFrom: at, at, introducedBy: old.keyId, recipient: statement.next.recipient ?? old.recipient ?? null });
  if (added.key.keyId !== statement.next.keyId) throw new IntakeError('ROTATION_INVALID', { detail: 'key id' });
  const previous: TrustKey = { ...old, validUntil: old.validUntil && old.validUntil < at ? old.validUntil : at };
  return { trust: { ...added.trust, keys: added.trust.keys.map((k) => (k.keyId === old.keyId ? previous : k)) }, key: added.key, previous };
}
