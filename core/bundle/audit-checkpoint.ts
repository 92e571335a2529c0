/**
 * Signed checkpoints of the desk's audit trail. The trail is a SHA-256 chain: anyone who can write
 * the database can cut its tail, or rewrite it and hash it again, and the chain alone still holds.
 * A checkpoint is the trail's length and head hash signed with the center's signing key, made every
 * AUDIT_CHECKPOINT_EVERY entries and at every bundle export; a trail shorter than a checkpoint, or
 * whose entry at that length has another hash, no longer matches what the key signed, and a new
 * checkpoint over a rewritten trail needs the key.
 *
 * What is signed (the known-answer test in test/unit/bundle/audit-checkpoint.test.ts pins the bytes):
 *
 *   PAE("application/vnd.township-intake.audit-checkpoint+json;version=1", statement)
 *   statement = JSON, keys in this order, no whitespace:
 *     {"format":"township-intake-audit-checkpoint","version":1,"county":"341523","township":"ZMQ"|null,
 *      "entries":n,"head":"<64 hex>","at":"<ISO instant>","reason":"interval"|"export","bundle":n|null}
 */
import type { CoreContext } from '../kernel/context.js';
import { insertCheckpoint, setAuditCheckpointer, type AuditCheckpoint, type AuditHead } from '../store/audit.js';
import { COUNTY } from '../store/reference-data.js';
import { centerTownship } from '../store/settings.js';
import { pae } from './dsse.js';
import { signBytes, verifyBytes, type SigningKey } from './suites.js';

export const CHECKPOINT_TYPE = 'application/vnd.township-intake.audit-checkpoint+json;version=1';
export const CHECKPOINT_FORMAT = 'township-intake-audit-checkpoint';

export type CheckpointFields = Omit<AuditCheckpoint, 'keyId' | 'sig'>;

/** The statement's exact bytes (field order fixed here, not by the caller's object). */
export function checkpointStatement(c: CheckpointFields): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: CHECKPOINT_FORMAT,
      version: 1,
      county: COUNTY.code,
      township: c.township,
      entries: c.entries,
      head: c.head,
      at: c.at,
      reason: c.reason,
      bundle: c.bundle,
    }),
    'utf8',
  );
}

/** The bytes the key signs: DSSE's pre-authentication encoding of the statement. */
export const checkpointMessage = (c: CheckpointFields): Buffer => pae(CHECKPOINT_TYPE, checkpointStatement(c));

export function signCheckpoint(key: SigningKey, c: CheckpointFields): AuditCheckpoint {
  return { ...c, keyId: key.keyId, sig: signBytes(key, checkpointMessage(c)).toString('base64') };
}

export function checkpointSignatureValid(publicKey: string, c: AuditCheckpoint): boolean {
  return verifyBytes(publicKey, checkpointMessage(c), Buffer.from(c.sig, 'base64'));
}

/**
 * Turns on the interval checkpoints for this desk's connection: appendAudit() calls back when they
 * are due. `signer` throws where the key is not reachable; the store then tries again at the next entry.
 */
export function enableAuditCheckpoints(ctx: CoreContext, signer: () => SigningKey): void {
  setAuditCheckpointer(ctx.db, (h: AuditHead) => {
    insertCheckpoint(ctx.db, signCheckpoint(signer(), { ...h, reason: 'interval', bundle: null, township: centerTownship(ctx.db) }));
  });
}

/** The checkpoint of the head a bundle carries, signed with the key that signs the bundle. */
export function exportCheckpoint(ctx: CoreContext, key: SigningKey, head: { entries: number; head: string }, at: string, sequence: number): void {
  insertCheckpoint(ctx.db, signCheckpoint(key, { ...head, at, reason: 'export', bundle: sequence, township: centerTownship(ctx.db) }));
}
