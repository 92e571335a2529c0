/**
 * The county's check of a bundle, in the order that keeps hostile input furthest away:
 *  1. size limit, frame, envelope; the signature over the statement by a key the (verified) trust
 *     file lists; only then the statement is parsed;
 *  2. the statement against the key (township, validity, revocation), this county and its key;
 *  3. the ciphertext is read once (open-payload.ts): hashed on a worker thread — the file's hash, on
 *     which the chain (replay, gap, fork) is judged, and the ciphertext's, which must be the signed
 *     one — while it is decrypted into a private staging folder (age: the header by age-encryption,
 *     the chunks natively), each entry hashed on the way;
 *  4. only then is the decryption's verdict given and the payload read: manifest first, every entry
 *     in manifest order with its size and SHA-256, nothing after the last; every record well-formed
 *     and counted.
 * Nothing is written to the county database here; import.ts commits what this returns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { IntakeError } from '../kernel/errors.js';
import { isBundlePath, judgeAudit, judgeBundleTimes, judgeChain, keyValidAt, MAX_VALIDITY_DAYS, type AuditContinuity, type AuditVerdict, type ChainVerdict, type RecordedAudit } from '../domain/bundle-rules.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { AgeStreamError, MAX_HEADER_BYTES, openHeader, StreamOpener } from './age-stream.js';
import { EntryHasher, PayloadReader, readOuter, type InnerEntry, type OuterParts } from './container.js';
import { COUNTY_FILES, type CountyDesk } from './county.js';
import { openEnvelope } from './dsse.js';
import { MANIFEST_PATH, manifestSchema, SHARED_FIELDS, STATEMENT_TYPE, statementSchema, type Manifest, type Statement } from './manifest.js';
import { ATTACHMENTS_TABLE, BUNDLE_TABLES, type BundleTable } from './tables.js';
import { openSignedPayload } from './open-payload.js';
import { findKey, loadTrust, type TrustKey } from './trust.js';

const CHUNK = 1024 * 1024;

export interface TableData {
  table: BundleTable;
  entry: InnerEntry;
}

export interface CheckedBundle {
  file: string;
  sha256: string;
  size: number;
  statement: Statement;
  manifest: Manifest;
  key: TrustKey;
  trustSerial: number;
  chain: ChainVerdict;
  /** How this bundle's audit trail continues the one recorded from the township's previous bundle. */
  audit: AuditContinuity;
  /** Previous import from this township, for the report. */
  last: { sequence: number; importedAt: string } | null;
  tables: TableData[];
  files: InnerEntry[];
  /** False when checked with keepFiles: false — the attachments' bytes were hashed, not kept, and cannot be read. */
  filesKept: boolean;
  reader: PayloadReader;
  /** Removes the staging folder; call once done with reader. */
  dispose(): void;
}

function attachmentStorePath(desk: CountyDesk, sha: string): string {
  return path.join(desk.dir, COUNTY_FILES.attachments, sha.slice(0, 2), sha);
}
export { attachmentStorePath };

function parseJson(bytes: Buffer, code: 'BUNDLE_MALFORMED', what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new IntakeError(code, { detail: `${what} is not JSON` });
  }
}

/** Copies [offset, offset+size) of fd into a new private file while hashing; also feeds `whole`. */
export function stageCiphertext(fd: number, offset: number, size: number, to: string, whole: ReturnType<typeof createHash>): string {
  const out = fs.openSync(to, 'wx', 0o600);
  const hash = createHash('sha256');
  const buf = Buffer.alloc(CHUNK);
  try {
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, size - done), offset + done);
      if (n === 0) throw new IntakeError('BUNDLE_TRUNCATED');
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      whole.update(chunk);
      fs.writeSync(out, chunk);
      done += n;
    }
    // No fsync: the copy only keeps the bytes from changing under the check; it is deleted after use.
  } finally {
    fs.closeSync(out);
  }
  return hash.digest('hex');
}

/**
 * The signed payload against the bytes present: its size, then its hash while the ciphertext is copied
 * into the staging folder (the copy cannot change under the check). Also hashes the whole file.
 */
export function stageSignedPayload(fd: number, outer: OuterParts, payload: { size: number; sha256: string }, staging: string): { cipherFile: string; sha256: string } {
  if (outer.cipherSize < payload.size) throw new IntakeError('BUNDLE_TRUNCATED', { detail: `${outer.cipherSize} of ${payload.size} payload bytes present` });
  if (outer.cipherSize > payload.size) throw new IntakeError('BUNDLE_EXTRA_DATA', { detail: `${outer.cipherSize - payload.size} bytes after the payload` });
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  const whole = createHash('sha256');
  const head = Buffer.alloc(outer.cipherOffset);
  fs.readSync(fd, head, 0, outer.cipherOffset, 0);
  whole.update(head);
  const cipherFile = path.join(staging, 'payload.age');
  const cipherSha = stageCiphertext(fd, outer.cipherOffset, outer.cipherSize, cipherFile, whole);
  if (cipherSha !== payload.sha256) throw new IntakeError('BUNDLE_CONTENT_MISMATCH', { detail: 'the encrypted payload differs from the one signed' });
  return { cipherFile, sha256: whole.digest('hex') };
}

/** Decrypts the staged ciphertext into plainFile, hashing every payload entry on the way (one pass). */
export async function decryptTo(cipherFile: string, plainFile: string, identity: string | readonly string[], maxBytes: number): Promise<EntryHasher> {
  const refuse = (msg: string) => new IntakeError('BUNDLE_MALFORMED', { detail: `the payload cannot be decrypted (${msg})` });
  const inp = fs.openSync(cipherFile, 'r');
  let out: number | null = null;
  try {
    const buf = Buffer.alloc(CHUNK);
    const first = fs.readSync(inp, buf, 0, MAX_HEADER_BYTES, 0);
    let header: { key: Buffer; payloadOffset: number };
    try {
      header = await openHeader(buf.subarray(0, first), typeof identity === 'string' ? [identity] : identity);
    } catch (err) {
      const msg = (err as Error).message ?? '';
      if (/no identity matched/.test(msg)) throw new IntakeError('BUNDLE_WRONG_COUNTY_KEY');
      throw refuse(msg);
    }
    const opener = new StreamOpener(header.key);
    const hasher = new EntryHasher();
    out = fs.openSync(plainFile, 'wx', 0o600);
    let written = 0;
    const put = (chunks: Buffer[]) => {
      for (const c of chunks) {
        written += c.length;
        if (written > maxBytes) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: 'the decrypted payload is over the bundle limit' });
        fs.writeSync(out!, c);
        hasher.update(c);
      }
    };
    try {
      let at = header.payloadOffset;
      for (;;) {
        const n = fs.readSync(inp, buf, 0, CHUNK, at);
        if (n === 0) break;
        at += n;
        put(opener.update(buf.subarray(0, n)));
      }
      put(opener.final());
      return hasher;
    } catch (err) {
      if (err instanceof AgeStreamError) throw refuse(err.message);
      throw err;
    }
  } finally {
    fs.closeSync(inp);
    if (out !== null) fs.closeSync(out);
  }
}

const KNOWN_TABLES = new Map(BUNDLE_TABLES.map((t) => [`tables/${t.name}.ndjson`, t]));

function checkManifest(manifestRaw: unknown, statement: Statement): Manifest {
  const files = (manifestRaw as { files?: unknown })?.files;
  if (Array.isArray(files)) {
    for (const f of files) {
      const p = (f as { path?: unknown })?.path;
      if (typeof p === 'string' && !isBundlePath(p)) throw new IntakeError('BUNDLE_PATH_INVALID', { detail: JSON.stringify(p.slice(0, 200)) });
    }
  }
  const parsed = manifestSchema.safeParse(manifestRaw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IntakeError('BUNDLE_MALFORMED', { detail: `manifest ${issue.path.join('.')}: ${issue.message}` });
  }
  const m = parsed.data;
  for (const field of SHARED_FIELDS) {
    if (m[field] !== statement[field]) throw new IntakeError('BUNDLE_MANIFEST_MISMATCH', { detail: `${field} differs` });
  }
  const seen = new Set<string>();
  for (const f of m.files) {
    if (seen.has(f.path)) throw new IntakeError('BUNDLE_MALFORMED', { detail: `${f.path} is listed twice` });
    seen.add(f.path);
    if (f.path.startsWith('tables/') && !KNOWN_TABLES.has(f.path)) {
      throw new IntakeError('BUNDLE_MALFORMED', { detail: `${f.path} is not a table this version of intake knows` });
    }
  }
  for (const t of Object.keys(m.counts)) {
    if (!seen.has(`tables/${t}.ndjson`)) throw new IntakeError('BUNDLE_MANIFEST_MISMATCH', { detail: `counts name ${t}, which the bundle does not carry` });
  }
  return m;
}

const isPrimitive = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** One NDJSON line as a record or a tombstone, its key, or a refusal. */
export function parseRecord(table: BundleTable, text: string, where: string): { key: string; data: string | null; row: Record<string, unknown> | null } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${where} is not JSON` });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${where} is not an object` });
  const obj = value as Record<string, unknown>;
  const keyOf = (src: Record<string, unknown>) =>
    JSON.stringify(
      table.key.map((k) => {
        const v = src[k];
        if (v === null || v === undefined || !isPrimitive(v)) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${where} lacks its key ${k}` });
        return v;
      }),
    );
  if ('$deleted' in obj) {
    const del = obj.$deleted as Record<string, unknown>;
    if (Object.keys(obj).length !== 1 || !del || typeof del !== 'object' || Object.keys(del).length !== table.key.length) {
      throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${where} is a malformed deletion` });
    }
    return { key: keyOf(del), data: null, row: null };
  }
  for (const [k, v] of Object.entries(obj)) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(k) || !isPrimitive(v)) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${where} field ${k.slice(0, 40)}` });
  }
  return { key: keyOf(obj), data: JSON.stringify(obj), row: obj };
}

/** The audit head an import recorded (county_imports.audit_head, JSON), as judgeAudit reads it. */
export function recordedAudit(json: string | null): RecordedAudit | null {
  if (!json) return null;
  const v = JSON.parse(json) as { entries: number; head: string; linked?: boolean };
  return { entries: v.entries, head: v.head, linked: v.linked === true };
}

export interface CheckOptions {
  /** Accept a full bundle across a gap in the sequence (a bundle lost for good); never an incremental one. */
  acceptGap?: boolean;
  /**
   * Filled in once the signature is known good: the township of the key that signed it and the
   * sequence its statement claims, so a refusal after that point can be answered with a receipt.
   */
  seen?: { township?: string; sequence?: number };
  /**
   * False for a check that imports nothing (county verify, the upload check): every attachment is
   * hashed as it is decrypted, but its plaintext is not written to the staging folder — a pass of
   * writing the scans out less, and no decrypted copy of them on disk. Import keeps them (the default).
   */
  keepFiles?: boolean;
}

export async function checkBundle(desk: CountyDesk, file: string, opts: CheckOptions = {}): Promise<CheckedBundle> {
  // 1. Size, frame, signature.
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new IntakeError('NOT_FOUND', { detail: file });
  }
  if (stat.size > desk.limits.bundleBytes) {
    throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `${stat.size} bytes, the limit is ${desk.limits.bundleBytes}` });
  }
  const trust = await loadTrust(desk.dir, desk.store, desk.info.root);
  const fd = fs.openSync(file, 'r');
  const staging = path.join(desk.dir, COUNTY_FILES.staging, randomBytes(8).toString('hex'));
  const dispose = () => fs.rmSync(staging, { recursive: true, force: true });
  let plainFd: number | null = null;
  try {
    const outer = readOuter(fd, stat.size);
    let key: TrustKey | null = null;
    const opened = openEnvelope(outer.envelope, STATEMENT_TYPE, (keyid) => {
      key = findKey(trust, keyid);
      if (!key) throw new IntakeError('BUNDLE_UNKNOWN_KEY', { detail: `key ${formatFingerprint(keyid.slice(0, 32))} is not in the trust file` });
      return key.publicKey;
    });
    const signer = key as TrustKey | null;
    if (!signer) throw new IntakeError('BUNDLE_UNKNOWN_KEY');
    const parsed = statementSchema.safeParse(parseJson(opened.payload, 'BUNDLE_MALFORMED', 'statement'));
    if (!parsed.success) throw new IntakeError('BUNDLE_MALFORMED', { detail: `statement ${parsed.error.issues[0]!.path.join('.')}` });
    const statement = parsed.data;
    if (opts.seen) Object.assign(opts.seen, { township: signer.township, sequence: statement.sequence });

    // 2. Statement against key, county, time.
    if (statement.keyId !== signer.keyId || statement.suite !== signer.suite) throw new IntakeError('BUNDLE_MANIFEST_MISMATCH', { detail: 'statement names another key' });
    if (signer.revokedAt) {
      throw new IntakeError('BUNDLE_KEY_REVOKED', { detail: `key ${formatFingerprint(signer.keyId)} of ${signer.township} was revoked at ${signer.revokedAt}${signer.revokedReason ? ` (${signer.revokedReason})` : ''}` });
    }
    if (statement.township !== signer.township) {
      throw new IntakeError('BUNDLE_TOWNSHIP_MISMATCH', { detail: `the bundle says ${statement.township}, the key belongs to ${signer.township}` });
    }
    // The key's validity by the county's own clock, the time it receives the bundle: the createdAt a
    // bundle claims is the desk's word, and a stolen key could claim any time.
    const receivedAt = desk.clock.now().toISOString();
    if (!keyValidAt(signer, receivedAt)) {
      throw new IntakeError('BUNDLE_KEY_NOT_VALID', { detail: `received ${receivedAt}, key valid ${signer.validFrom ?? '…'} to ${signer.validUntil ?? '…'}` });
    }
    if (statement.county !== desk.info.county) throw new IntakeError('BUNDLE_WRONG_COUNTY', { detail: `addressed to ${statement.county}` });
    if (statement.payload.recipient !== desk.info.recipient) throw new IntakeError('BUNDLE_WRONG_COUNTY_KEY', { detail: 'it names another recipient' });

    // 3. The payload read once: hashed (it must be the one signed) while it is decrypted into the
    // staging folder; then chain and time, and only then the decryption's verdict and the plaintext.
    fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
    const plainFile = path.join(staging, 'payload');
    const keepFiles = opts.keepFiles ?? true;
    const { sha256, decrypted } = await openSignedPayload(fd, outer, statement.payload, plainFile, desk.identity(), desk.limits.bundleBytes, keepFiles);

    const lastRow = await desk.store.lastImport(statement.township);
    const atRow = await desk.store.importAt(statement.township, statement.sequence);
    const chain = judgeChain(lastRow, atRow, { sequence: statement.sequence, previous: statement.previous, sha256, full: statement.full }, { bridgeGapWithFull: opts.acceptGap });
    const base = {
      file,
      sha256,
      size: stat.size,
      statement,
      key: signer,
      trustSerial: trust.serial,
      last: lastRow ? { sequence: lastRow.sequence, importedAt: lastRow.imported_at } : null,
    };
    if (chain.kind === 'replay') throw new IntakeError('BUNDLE_REPLAY', { detail: `sequence ${statement.sequence} from ${statement.township}; ${chain.last} was imported already` });
    if (chain.kind === 'gap') {
      const hint = opts.acceptGap ? ' (only a full bundle can bridge a gap)' : '';
      throw new IntakeError('BUNDLE_GAP', { detail: `sequence ${statement.sequence} from ${statement.township}; expected ${chain.expected}${hint}` });
    }
    if (chain.kind === 'fork') throw new IntakeError('BUNDLE_FORK', { detail: `sequence ${statement.sequence} from ${statement.township}: ${chain.why}` });
    if (chain.kind === 'next') {
      const times = judgeBundleTimes(statement.createdAt, statement.expiresAt, desk.clock.now(), lastRow?.created_at ?? null);
      if (!times.ok && times.kind === 'expired') throw new IntakeError('BUNDLE_EXPIRED', { detail: `it expired at ${statement.expiresAt}` });
      if (!times.ok && times.kind === 'future') throw new IntakeError('BUNDLE_FROM_FUTURE', { detail: `created ${statement.createdAt}` });
      if (!times.ok && times.kind === 'too-long') {
        throw new IntakeError('BUNDLE_VALIDITY_TOO_LONG', { detail: `valid from ${statement.createdAt} to ${statement.expiresAt}; at most ${MAX_VALIDITY_DAYS} days are accepted` });
      }
      if (!times.ok && times.kind === 'backwards') {
        throw new IntakeError('BUNDLE_TIME_BACKWARDS', { detail: `created ${statement.createdAt}, the last one imported from ${statement.township} was created ${lastRow!.created_at}` });
      }
      if (!times.ok) throw new IntakeError('BUNDLE_MALFORMED', { detail: 'it expires before it was created' });
    }

    // 4. The decryption's verdict, then the payload read strictly by its manifest.
    if (!decrypted.ok) throw decrypted.error;
    const hashed = decrypted.hashes;
    plainFd = fs.openSync(plainFile, 'r');
    const reader = new PayloadReader(plainFd, fs.fstatSync(plainFd).size);
    const first = reader.next(() => desk.limits.manifestBytes);
    if (first.path !== MANIFEST_PATH) throw new IntakeError('BUNDLE_ORDER', { detail: `the payload starts with ${first.path.slice(0, 100)}, not the manifest` });
    const manifest = checkManifest(parseJson(reader.read(first), 'BUNDLE_MALFORMED', 'manifest'), statement);
    const listed = new Set(manifest.files.map((f) => f.path));
    if (manifest.files.length > desk.limits.files) throw new IntakeError('BUNDLE_TOO_LARGE', { detail: `${manifest.files.length} files` });

    const tables: TableData[] = [];
    const files: InnerEntry[] = [];
    for (const [i, f] of manifest.files.entries()) {
      if (reader.atEnd()) throw new IntakeError('BUNDLE_TRUNCATED', { detail: `the payload ends before ${f.path}` });
      const entry = reader.next((p) => (p.startsWith('tables/') ? desk.limits.tableBytes : desk.limits.fileBytes));
      if (entry.path !== f.path) {
        if (!isBundlePath(entry.path)) throw new IntakeError('BUNDLE_PATH_INVALID', { detail: JSON.stringify(entry.path.slice(0, 200)) });
        if (!listed.has(entry.path)) throw new IntakeError('BUNDLE_EXTRA_DATA', { detail: `${entry.path} is not in the manifest` });
        throw new IntakeError('BUNDLE_ORDER', { detail: `entry ${i + 1} is ${entry.path}, the manifest lists ${f.path}` });
      }
      if (entry.size !== f.size) throw new IntakeError('BUNDLE_MANIFEST_MISMATCH', { detail: `${f.path} holds ${entry.size} bytes, the manifest says ${f.size}` });
      // An unkept attachment can only be judged by the hash taken as it streamed past (it always is).
      const unkept = !keepFiles && f.path.startsWith('files/');
      if ((hashed.hashOf(entry) ?? (unkept ? null : reader.hash(entry))) !== f.sha256) throw new IntakeError('BUNDLE_CONTENT_MISMATCH', { detail: `${f.path} does not match its SHA-256` });
      if (f.path.startsWith('files/')) {
        if (f.path.slice('files/'.length) !== f.sha256) throw new IntakeError('BUNDLE_CONTENT_MISMATCH', { detail: `${f.path} is not named by its SHA-256` });
        files.push(entry);
      } else tables.push({ table: KNOWN_TABLES.get(f.path)!, entry });
    }
    if (!reader.atEnd()) {
      let extra = 'bytes';
      try {
        extra = reader.next(() => Number.MAX_SAFE_INTEGER).path.slice(0, 100);
      } catch {
        /* not even a well-formed entry */
      }
      throw new IntakeError('BUNDLE_EXTRA_DATA', { detail: `${extra} after the last file of the manifest` });
    }

    // Every record well-formed, once per key, counted as the manifest says; attachments present.
    const carried = new Set(files.map((e) => e.path.slice('files/'.length)));
    const referenced = new Set<string>();
    for (const { table, entry } of tables) {
      const keys = new Set<string>();
      const c = { rows: 0, deletes: 0 };
      reader.lines(entry, desk.limits.lineBytes, (text, index) => {
        const where = `${entry.path} line ${index + 1}`;
        const rec = parseRecord(table, text, where);
        if (keys.has(rec.key)) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${where} repeats a key` });
        keys.add(rec.key);
        if (rec.row) {
          c.rows++;
          if (table.name === ATTACHMENTS_TABLE) {
            const sha = rec.row.sha256;
            if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) throw new IntakeError('BUNDLE_RECORD_INVALID', { detail: `${where} sha256` });
            referenced.add(sha);
            if (!carried.has(sha) && !fs.existsSync(attachmentStorePath(desk, sha))) throw new IntakeError('BUNDLE_ATTACHMENT_MISSING', { detail: `files/${sha}` });
          }
        } else c.deletes++;
      });
      const expected = manifest.counts[table.name] ?? { rows: 0, deletes: 0 };
      if (expected.rows !== c.rows || expected.deletes !== c.deletes) {
        throw new IntakeError('BUNDLE_COUNTS_MISMATCH', { detail: `${table.name}: ${c.rows}+${c.deletes} records, the manifest says ${expected.rows}+${expected.deletes}` });
      }
    }
    for (const sha of carried) {
      if (!referenced.has(sha)) throw new IntakeError('BUNDLE_EXTRA_DATA', { detail: `files/${sha} belongs to no attachment record` });
    }

    // The township's audit trail may only grow from the head recorded with its previous bundle
    // (judged last: it is about what the records mean, once they are known to be well-formed).
    let audit: AuditVerdict = { ok: true, continuity: 'same' };
    if (chain.kind === 'next') {
      audit = judgeAudit(recordedAudit(lastRow?.audit_head ?? null), manifest.audit, { adjacent: !chain.bridged });
      if (!audit.ok) {
        throw new IntakeError(audit.kind === 'shorter' ? 'BUNDLE_AUDIT_SHORTER' : 'BUNDLE_AUDIT_REWRITTEN', { detail: `${statement.township} bundle ${statement.sequence}: ${audit.detail}` });
      }
    }

    const fdToClose = plainFd;
    plainFd = null;
    return {
      ...base,
      chain,
      audit: audit.continuity,
      manifest,
      tables,
      files,
      filesKept: keepFiles,
      reader,
      dispose: () => {
        fs.closeSync(fdToClose);
        dispose();
      },
    };
  } catch (err) {
    if (plainFd !== null) fs.closeSync(plainFd);
    dispose();
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}
