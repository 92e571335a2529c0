/**
 * County import: check everything first (check.ts), then write in one transaction. The same bundle
 * twice changes nothing; a refused bundle leaves the county database as it was and is copied to the
 * quarantine folder with the reason beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { IntakeError } from '../kernel/errors.js';
import type { RecordOp } from '../store/county-store.js';
import { attachmentStorePath, checkBundle, parseRecord, type CheckedBundle, type CheckOptions } from './check.js';
import { COUNTY_FILES, type CountyDesk } from './county.js';

export interface ImportReport {
  status: 'imported' | 'already';
  township: string;
  sequence: number;
  sha256: string;
  full: boolean;
  /** Sequences a full bundle was accepted across (--accept-gap). */
  bridged: { from: number; to: number } | null;
  counts: CheckedBundle['manifest']['counts'];
  attachments: number;
}

export interface Refusal {
  code: string;
  message: string;
  quarantined: string | null;
}

/** Copies the refused file into quarantine/ with a .reason.json beside it; never fails the caller. */
export function quarantine(desk: CountyDesk, file: string, err: IntakeError): string | null {
  try {
    const dir = path.join(desk.dir, COUNTY_FILES.quarantine);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stamp = desk.clock.now().toISOString().replace(/[:.]/g, '-');
    const base = `${stamp}-${randomBytes(3).toString('hex')}-${path.basename(file).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}`;
    const target = path.join(dir, base);
    let copied = false;
    try {
      const size = fs.statSync(file).size;
      if (size <= desk.limits.bundleBytes) {
        fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
        fs.chmodSync(target, 0o600); // a copy keeps the source's mode
        copied = true;
      }
    } catch {
      copied = false;
    }
    const reason = { file: path.resolve(file), copy: copied ? target : null, code: err.code, reason: err.message, at: desk.clock.now().toISOString() };
    fs.writeFileSync(`${target}.reason.json`, `${JSON.stringify(reason, null, 2)}\n`, { mode: 0o600 });
    return copied ? target : `${target}.reason.json`;
  } catch {
    return null;
  }
}

function storeAttachment(desk: CountyDesk, checked: CheckedBundle, entry: CheckedBundle['files'][number]): void {
  const sha = entry.path.slice('files/'.length);
  const target = attachmentStorePath(desk, sha);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    checked.reader.hash(entry, fd);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
}

/** Records per batch handed to the store (each batch is a few multi-row statements). */
const OPS_PER_BATCH = 2000;

/**
 * Attachments are content-addressed, so they are placed before the transaction: a failed commit
 * leaves at most files nothing refers to, never a record without its file.
 */
async function commit(desk: CountyDesk, c: CheckedBundle): Promise<void> {
  if (!c.filesKept) throw new Error('a bundle checked without keeping its attachments cannot be imported');
  for (const entry of c.files) storeAttachment(desk, c, entry);
  const s = c.statement;
  await desk.store.writeImport(async (w) => {
    // The chain was judged before the transaction; another clerk's import since then voids it.
    if ((await w.lastSequence(s.township)) !== (c.last?.sequence ?? null)) {
      throw new IntakeError('COUNTY_IMPORT_CONCURRENT', { detail: `${s.township} bundle ${s.sequence}` });
    }
    // A full bundle is the township's whole state: the county's copy becomes exactly that.
    if (s.full) await w.clearTownship(s.township);
    let ops: RecordOp[] = [];
    for (const { table, entry } of c.tables) {
      for (const [text, i] of c.reader.eachLine(entry, desk.limits.lineBytes)) {
        const rec = parseRecord(table, text, `${entry.path} line ${i + 1}`);
        ops.push({ tbl: table.name, rowKey: rec.key, data: rec.data });
        if (ops.length >= OPS_PER_BATCH) {
          await w.apply(s.township, s.sequence, ops);
          ops = [];
        }
      }
    }
    if (ops.length) await w.apply(s.township, s.sequence, ops);
    await w.insertImport({
      township: s.township,
      sequence: s.sequence,
      sha256: c.sha256,
      previous: s.previous,
      key_id: s.keyId,
      suite: s.suite,
      full: s.full ? 1 : 0,
      created_at: s.createdAt,
      imported_at: desk.clock.now().toISOString(),
      counts: JSON.stringify(c.manifest.counts),
      // The head, whether this bundle linked earlier heads, and how it continued the previous one.
      audit_head: c.manifest.audit
        ? JSON.stringify({ entries: c.manifest.audit.entries, head: c.manifest.audit.head, linked: c.manifest.audit.links !== undefined, continuity: c.audit })
        : null,
    });
    if (Number((await w.getMeta('trust_serial')) ?? '0') < c.trustSerial) await w.setMeta('trust_serial', String(c.trustSerial));
  });
}

export type ImportOutcome =
  | { ok: true; report: ImportReport }
  | { ok: false; error: IntakeError; quarantined: string | null; seen?: CheckOptions['seen'] };

/** Faults of the county's own setup, not of the bundle: nothing to quarantine. */
const NOT_THE_BUNDLE = new Set(['NOT_FOUND', 'TRUST_INVALID', 'TRUST_ROLLBACK', 'COUNTY_DB_UNREACHABLE']);

/** Checks and imports one bundle. A refusal is quarantined (unless the fault is the county's own). */
export async function importBundle(desk: CountyDesk, file: string, opts: CheckOptions = {}): Promise<ImportOutcome> {
  let checked: CheckedBundle;
  const seen: NonNullable<CheckOptions['seen']> = opts.seen ?? {};
  try {
    checked = await checkBundle(desk, file, { ...opts, seen });
  } catch (err) {
    if (!(err instanceof IntakeError)) throw err;
    return { ok: false, error: err, quarantined: NOT_THE_BUNDLE.has(err.code) ? null : quarantine(desk, file, err), seen };
  }
  try {
    const report: ImportReport = {
      status: checked.chain.kind === 'already' ? 'already' : 'imported',
      township: checked.statement.township,
      sequence: checked.statement.sequence,
      sha256: checked.sha256,
      full: checked.statement.full,
      bridged: checked.chain.kind === 'next' ? (checked.chain.bridged ?? null) : null,
      counts: checked.manifest.counts,
      attachments: checked.files.length,
    };
    if (report.status === 'imported') {
      try {
        await commit(desk, checked);
      } catch (err) {
        // Nothing was written (one transaction); a race with another clerk is not the bundle's fault.
        if (err instanceof IntakeError && err.code === 'COUNTY_IMPORT_CONCURRENT') return { ok: false, error: err, quarantined: null, seen };
        throw err;
      }
    }
    return { ok: true, report };
  } finally {
    checked.dispose();
  }
}
