/**
 * The township's check of what the county sent down (issue 18): a receipt or a 交办件 batch. The
 * same rules as the county's check of a township bundle (check.ts), in the same order: size limit,
 * frame, the signature by the county's root or an issuing key its pinned card names (not revoked)
 * before the statement is parsed; the statement against this desk (county, township, recipient); the
 * ciphertext hashed while staged; chain (replay, gap, fork) per kind; time; only then decryption with
 * the desk's age identities, and the payload strictly by its manifest (closed set of paths, sizes,
 * hashes, nothing after the last entry), every item valid. Nothing is written here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CoreContext } from '../kernel/context.js';
import { IntakeError } from '../kernel/errors.js';
import { judgeBundleTimes, judgeChain, MAX_VALIDITY_DAYS, type ChainVerdict } from '../domain/bundle-rules.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { inboundAt, lastInbound, type InboundRow } from '../store/inbound.js';
import { centerTownship } from '../store/settings.js';
import { COUNTY } from '../store/reference-data.js';
import { centerAgeIdentities } from './center-keys.js';
import { decryptTo, stageSignedPayload } from './check.js';
import { PayloadReader, readOuter } from './container.js';
import { requireCounty } from './county-setting.js';
import {
  assignmentItemSchema, assignmentManifestSchema, DOWN_KINDS, DOWN_LIMITS, DOWN_SHARED_FIELDS, DOWN_TYPE, downStatementSchema, isDownPath, receiptManifestSchema,
  type AssignmentItem, type Batch, type DownKind, type DownLimits, type DownStatement, type ReceiptBody,
} from './down-format.js';
import { openEnvelope } from './dsse.js';
import { SUITES } from './suites.js';

export const INBOUND_FOLDER = 'inbound';

interface CheckedBase {
  file: string;
  sha256: string;
  statement: DownStatement;
  chain: ChainVerdict;
  last: InboundRow | null;
  signer: { keyId: string; root: boolean };
}
export type CheckedDown =
  | (CheckedBase & { kind: 'receipt'; receipt: ReceiptBody | null })
  | (CheckedBase & { kind: 'assignment'; batch: Batch | null; items: AssignmentItem[] });

const json = (bytes: Buffer, what: string): unknown => {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new IntakeError('BUNDLE_MALFORMED', { detail: `${what} is not JSON` });
  }
};

/** Which of the two kinds an envelope claims to be (its payload type is signed; openEnvelope checks it). */
function kindOf(envelope: Buffer): DownKind {
  const type = (() => {
    try {
      return (JSON.parse(envelope.toString('utf8')) as { payloadType?: unknown })?.payloadType;
    } catch {
      return undefined;
    }
  })();
  const kind = DOWN_KINDS.find((k) => DOWN_TYPE[k] === type);
  if (!kind) throw new IntakeError('BUNDLE_MALFORMED', { detail: 'neither a county receipt nor a 交办件 bundle' });
  return kind;
}

export async function checkDown(ctx: CoreContext, file: string, limitsIn: Partial<DownLimits> = {}): Promise<CheckedDown> {
  const limits = { ...DOWN_LIMITS, ...limitsIn };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new IntakeError('NOT_FOUND', { detail: path.basename(file) });
  }
  if (stat.size > limits.bundleBytes) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `${stat.size} bytes, the limit is ${limits.bundleBytes}` });
  const township = centerTownship(ctx.db);
  if (!township) throw new IntakeError('TOWNSHIP_NOT_SET');
  const county = requireCounty(ctx);
  if (!county.root) throw new IntakeError('COUNTY_NOT_SET', { detail: "load the county's signed card: only then can its signature be checked" });
  const root = county.root;
  const issuers = county.issuers ?? [];

  const fd = fs.openSync(file, 'r');
  const staging = path.join(ctx.dataDir, INBOUND_FOLDER, `.staging-${randomBytes(6).toString('hex')}`);
  let plainFd: number | null = null;
  try {
    // 1. Frame and signature; only then the statement.
    const outer = readOuter(fd, stat.size);
    const kind = kindOf(outer.envelope);
    let signer: { keyId: string; root: boolean; suite: string | null } | null = null;
    const opened = openEnvelope(outer.envelope, DOWN_TYPE[kind], (keyid) => {
      if (keyid === root.keyId) {
        signer = { keyId: keyid, root: true, suite: null };
        return root.publicKey;
      }
      const issuer = issuers.find((i) => i.keyId === keyid);
      if (!issuer) throw new IntakeError('BUNDLE_UNKNOWN_KEY', { detail: `key ${formatFingerprint(keyid.slice(0, 32))} is not on the county's card` });
      if (issuer.revokedAt) throw new IntakeError('BUNDLE_KEY_REVOKED', { detail: `the county's issuing key ${formatFingerprint(keyid)} was revoked at ${issuer.revokedAt}` });
      signer = { keyId: keyid, root: false, suite: issuer.suite };
      return issuer.publicKey;
    });
    const key = signer as { keyId: string; root: boolean; suite: string | null } | null;
    if (!key) throw new IntakeError('BUNDLE_UNKNOWN_KEY');
    const parsed = downStatementSchema(kind).safeParse(json(opened.payload, 'statement'));
    if (!parsed.success) throw new IntakeError('BUNDLE_MALFORMED', { detail: `statement ${parsed.error.issues[0]!.path.join('.')}` });
    const statement = parsed.data;

    // 2. The statement against this desk.
    if (statement.keyId !== key.keyId || !(SUITES as readonly string[]).includes(statement.suite) || (key.suite && key.suite !== statement.suite)) {
      throw new IntakeError('BUNDLE_MANIFEST_MISMATCH', { detail: 'statement names another key' });
    }
    if (statement.county !== COUNTY.code) throw new IntakeError('BUNDLE_WRONG_COUNTY', { detail: `from ${statement.county}` });
    if (statement.township !== township) throw new IntakeError('BUNDLE_TOWNSHIP_MISMATCH', { detail: `it is for ${statement.township}, this desk is ${township}` });
    const identities = centerAgeIdentities(ctx);
    if (!identities.some((i) => i.recipient === statement.payload.recipient)) throw new IntakeError('BUNDLE_NOT_FOR_THIS_DESK', { detail: 'it names another recipient' });

    // 3. The ciphertext staged and hashed; chain and time.
    const { cipherFile, sha256 } = stageSignedPayload(fd, outer, statement.payload, staging);
    const last = lastInbound(ctx.db, kind);
    const at = inboundAt(ctx.db, kind, statement.sequence);
    const chain = judgeChain(last, at, { sequence: statement.sequence, previous: statement.previous, sha256 });
    const what = `${kind} ${statement.sequence}`;
    if (chain.kind === 'replay') throw new IntakeError('BUNDLE_REPLAY', { detail: `${what}; ${chain.last} was imported already` });
    if (chain.kind === 'gap') throw new IntakeError('BUNDLE_GAP', { detail: `${what}; expected ${chain.expected}` });
    if (chain.kind === 'fork') throw new IntakeError('BUNDLE_FORK', { detail: `${what}: ${chain.why}` });
    const base: CheckedBase = { file, sha256, statement, chain, last, signer: { keyId: key.keyId, root: key.root } };
    if (chain.kind === 'already') return kind === 'receipt' ? { ...base, kind, receipt: null } : { ...base, kind, batch: null, items: [] };
    const times = judgeBundleTimes(statement.createdAt, statement.expiresAt, ctx.clock.now(), last?.created_at ?? null);
    if (!times.ok) {
      if (times.kind === 'expired') throw new IntakeError('BUNDLE_EXPIRED', { detail: `it expired at ${statement.expiresAt}` });
      if (times.kind === 'future') throw new IntakeError('BUNDLE_FROM_FUTURE', { detail: `created ${statement.createdAt}` });
      if (times.kind === 'too-long') throw new IntakeError('BUNDLE_VALIDITY_TOO_LONG', { detail: `at most ${MAX_VALIDITY_DAYS} days` });
      if (times.kind === 'backwards') throw new IntakeError('BUNDLE_TIME_BACKWARDS', { detail: `created ${statement.createdAt}, the last one ${last!.created_at}` });
      throw new IntakeError('BUNDLE_MALFORMED', { detail: 'it expires before it was created' });
    }

    // 4. Decrypt with this desk's identities; the payload by its manifest.
    const plainFile = path.join(staging, 'payload');
    try {
      await decryptTo(cipherFile, plainFile, identities.map((i) => i.identity), limits.bundleBytes);
    } catch (err) {
      if (err instanceof IntakeError && err.code === 'BUNDLE_WRONG_COUNTY_KEY') throw new IntakeError('BUNDLE_NOT_FOR_THIS_DESK');
      throw err;
    }
    plainFd = fs.openSync(plainFile, 'r');
    const plainSize = fs.fstatSync(plainFd).size;
    const legal = (p: string) => {
      if (!isDownPath(kind, p)) throw new IntakeError('BUNDLE_PATH_INVALID', { detail: JSON.stringify(p.slice(0, 200)) });
    };
    // Every entry's name first, whatever the manifest says: a path outside the closed set is refused as such.
    const scan = new PayloadReader(plainFd, plainSize);
    while (!scan.atEnd()) scan.next((p) => (legal(p), p === 'manifest.json' ? limits.manifestBytes : limits.itemsBytes));
    const reader = new PayloadReader(plainFd, plainSize);
    const first = reader.next((p) => (legal(p), limits.manifestBytes));
    legal(first.path);
    if (first.path !== 'manifest.json') throw new IntakeError('BUNDLE_ORDER', { detail: `the payload starts with ${first.path}, not the manifest` });
    const raw = json(reader.read(first), 'manifest') as { files?: { path?: unknown }[] };
    if (Array.isArray(raw?.files)) for (const f of raw.files) if (typeof f?.path === 'string') legal(f.path);
    const schema: z.ZodType<Record<string, unknown> & { files: { path: string; size: number; sha256: string }[] }> =
      kind === 'receipt' ? receiptManifestSchema : assignmentManifestSchema;
    const m = schema.safeParse(raw);
    if (!m.success) throw new IntakeError('BUNDLE_MALFORMED', { detail: `manifest ${m.error.issues[0]!.path.join('.')}: ${m.error.issues[0]!.message}` });
    const manifest = m.data;
    for (const field of DOWN_SHARED_FIELDS) {
      if (manifest[field] !== statement[field]) throw new IntakeError('BUNDLE_MANIFEST_MISMATCH', { detail: `${field} differs` });
    }
    const entries = manifest.files.map((f, i) => {
      if (reader.atEnd()) throw new IntakeError('BUNDLE_TRUNCATED', { detail: `the payload ends before ${f.path}` });
      const entry = reader.next((p) => (legal(p), limits.itemsBytes));
      legal(entry.path);
      if (entry.path !== f.path) throw new IntakeError('BUNDLE_ORDER', { detail: `entry ${i + 1} is ${entry.path}, the manifest lists ${f.path}` });
      if (entry.size !== f.size) throw new IntakeError('BUNDLE_MANIFEST_MISMATCH', { detail: `${f.path} holds ${entry.size} bytes, the manifest says ${f.size}` });
      if (reader.hash(entry) !== f.sha256) throw new IntakeError('BUNDLE_CONTENT_MISMATCH', { detail: `${f.path} does not match its SHA-256` });
      return entry;
    });
    if (!reader.atEnd()) throw new IntakeError('BUNDLE_EXTRA_DATA', { detail: 'data after the last file of the manifest' });

    if (kind === 'receipt') return { ...base, kind, receipt: (manifest as unknown as z.infer<typeof receiptManifestSchema>).receipt };
    const batch = (manifest as unknown as z.infer<typeof assignmentManifestSchema>).batch;
    const items: AssignmentItem[] = [];
    const ids = new Set<string>();
    reader.lines(entries[0]!, limits.lineBytes, (text, index) => {
      if (items.length >= limits.items) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `more than ${limits.items} items` });
      const item = assignmentItemSchema.safeParse(json(Buffer.from(text, 'utf8'), `item ${index + 1}`));
      if (!item.success) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `item ${index + 1}: ${item.error.issues[0]!.path.join('.')}` });
      if (ids.has(item.data.item)) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `item ${index + 1} repeats an id` });
      ids.add(item.data.item);
      items.push(item.data);
    });
    if (items.length !== batch.items) throw new IntakeError('BUNDLE_COUNTS_MISMATCH', { detail: `${items.length} items, the manifest says ${batch.items}` });
    return { ...base, kind, batch, items };
  } finally {
    if (plainFd !== null) fs.closeSync(plainFd);
    fs.closeSync(fd);
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

