/**
 * Township export: everything changed since the last bundle (or everything, on request or the first
 * time) into a signed, encrypted bundle numbered by this center's sequence. Rows come from one
 * snapshot of the database; attachment bytes are streamed and hashed, never held whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { CoreContext } from '../kernel/context.js';
import { IntakeError } from '../kernel/errors.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { MAX_VALIDITY_DAYS } from '../domain/bundle-rules.js';
import { attachmentPath } from '../store/attachments.js';
import { ExportSnapshot, lastExport, recordExport, type Row } from '../store/bundles.js';
import { entryHashAt, exportCheckpointLengths } from '../store/audit.js';
import { exportCheckpoint } from './audit-checkpoint.js';
import { centerTownship } from '../store/settings.js';
import { COUNTY } from '../store/reference-data.js';
import { centerSigner } from './center-keys.js';
import { requireCounty } from './county-setting.js';
import { hashFile } from './container.js';
import { attachmentEntryPath, AUDIT_LINKS, FORMAT, FORMAT_VERSION, tablePath, type FileEntry, type Manifest, type Statement } from './manifest.js';
import { sealBundle, type SealEntry } from './seal.js';
import { ATTACHMENTS_TABLE, BUNDLE_TABLES } from './tables.js';

export const EXPORTS_FOLDER = 'exports';
export const DEFAULT_VALID_DAYS = 30;
const PAGE = 2000;

export type ExportPhase = 'rows' | 'files' | 'encrypt' | 'write';
export interface ExportProgress {
  phase: ExportPhase;
  /** 0..1 over the whole export. */
  fraction: number;
}
export interface ExportOptions {
  out?: string;
  full?: boolean;
  validDays?: number;
  onProgress?: (p: ExportProgress) => void;
}
export interface ExportResult {
  file: string;
  sequence: number;
  sha256: string;
  size: number;
  full: boolean;
  createdAt: string;
  expiresAt: string;
  keyFingerprint: string;
  counts: Manifest['counts'];
  attachments: number;
  attachmentBytes: number;
}

/** Where each phase sits on the progress bar (a rough share of the time each takes). */
const SPAN: Record<ExportPhase, [number, number]> = { rows: [0, 0.15], files: [0.15, 0.3], encrypt: [0.3, 0.85], write: [0.85, 1] };

const running = new Set<string>();
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function defaultBundleName(township: string, sequence: number): string {
  return `${township}-${String(sequence).padStart(6, '0')}.bundle`;
}

/** The checks an export needs before it starts, so the UI can refuse at once rather than in a job. */
export function exportPreflight(ctx: CoreContext): { township: string; recipient: string } {
  const township = centerTownship(ctx.db);
  if (!township) throw new IntakeError('TOWNSHIP_NOT_SET');
  const county = requireCounty(ctx);
  centerSigner(ctx);
  if (running.has(ctx.dataDir)) throw new IntakeError('EXPORT_BUSY');
  return { township, recipient: county.recipient };
}

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

function checkRow(table: string, row: Row): Row {
  for (const [k, v] of Object.entries(row)) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') throw new Error(`${table}.${k} holds a value a bundle cannot carry`);
  }
  return row;
}

export async function exportBundle(ctx: CoreContext, opts: ExportOptions = {}): Promise<ExportResult> {
  const validDays = opts.validDays ?? DEFAULT_VALID_DAYS;
  if (!(validDays > 0 && validDays <= MAX_VALIDITY_DAYS)) {
    throw new IntakeError('INVALID_INPUT', { field: 'validDays', detail: `a bundle is valid for 1 to ${MAX_VALIDITY_DAYS} days (the county refuses longer)` });
  }
  const { township, recipient } = exportPreflight(ctx);
  running.add(ctx.dataDir);
  const report = (phase: ExportPhase, part: number) => {
    const [a, b] = SPAN[phase];
    opts.onProgress?.({ phase, fraction: a + (b - a) * Math.min(1, Math.max(0, part)) });
  };
  const staging = path.join(ctx.dataDir, EXPORTS_FOLDER, `.staging-${randomBytes(6).toString('hex')}`);
  try {
    const signer = centerSigner(ctx);
    const prev = lastExport(ctx.db);
    const sequence = (prev?.sequence ?? 0) + 1;
    const full = opts.full === true || prev === null;
    // createdAt moves forward from the last bundle, as the county requires, even if this desk's clock
    // was set back since (by a millisecond past the last one then).
    const now = new Date(Math.max(ctx.clock.now().getTime(), prev ? Date.parse(prev.createdAt) + 1 : 0));
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + validDays * 86_400_000).toISOString();
    const out = path.resolve(opts.out ?? path.join(ctx.dataDir, EXPORTS_FOLDER, defaultBundleName(township, sequence)));
    if (fs.existsSync(out)) throw new IntakeError('OUTPUT_EXISTS', { detail: out });
    fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
    fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
    report('rows', 0);

    // 1. Rows, from one snapshot, one NDJSON file per table.
    const snap = new ExportSnapshot(ctx.db.name, ctx.databaseKey ?? null);
    const counts: Manifest['counts'] = {};
    const tableFiles: (FileEntry & { file: string })[] = [];
    const shas = new Set<string>();
    let upTo: number;
    let audit: Manifest['audit'];
    try {
      upTo = snap.maxChangeSeq;
      audit = snap.auditHead;
      const after = full ? 0 : prev!.lastChangeSeq;
      const total = full ? BUNDLE_TABLES.reduce((n, t) => n + snap.count(t.name), 0) : snap.collectChanges(after);
      let done = 0;
      for (const table of BUNDLE_TABLES) {
        const file = path.join(staging, `${table.name}.ndjson`);
        const fd = fs.openSync(file, 'w', 0o600);
        const hash = createHash('sha256');
        let size = 0;
        const c = { rows: 0, deletes: 0 };
        const write = (text: string) => {
          const buf = Buffer.from(text, 'utf8');
          fs.writeSync(fd, buf);
          hash.update(buf);
          size += buf.length;
        };
        const upsert = (row: Row) => {
          write(line(checkRow(table.name, row)));
          c.rows++;
          if (table.name === ATTACHMENTS_TABLE) shas.add(String(row.sha256));
        };
        try {
          for (let after = 0; ; ) {
            if (full) {
              const page = snap.allRows(table.name, after, PAGE);
              if (page.rows.length === 0) break;
              page.rows.forEach(upsert);
              done += page.rows.length;
              after = page.last;
            } else {
              const page = snap.changedRows(table.name, table.key, after, PAGE);
              if (page.items.length === 0) break;
              for (const item of page.items) {
                if (item.row) upsert(item.row);
                else {
                  write(line({ $deleted: Object.fromEntries(table.key.map((k, i) => [k, item.key[i]])) }));
                  c.deletes++;
                }
              }
              done += page.items.length;
              after = page.last;
            }
            report('rows', total ? done / total : 1);
            await tick(); // let the desk's own calls run between pages
          }
        } finally {
          fs.closeSync(fd);
        }
        counts[table.name] = c;
        tableFiles.push({ path: tablePath(table.name), size, sha256: hash.digest('hex'), file });
      }
    } finally {
      snap.close();
    }

    // 2. Attachment bytes: each file hashed (streamed) and checked against the name it is stored under.
    const attachments: (FileEntry & { file: string })[] = [];
    let attachmentBytes = 0;
    let i = 0;
    for (const sha of [...shas].sort()) {
      const file = attachmentPath(ctx.dataDir, sha);
      let actual: { sha256: string; size: number };
      try {
        actual = hashFile(file);
      } catch {
        throw new IntakeError('ATTACHMENT_DAMAGED', { detail: `files/${sha} is missing` });
      }
      if (actual.sha256 !== sha) throw new IntakeError('ATTACHMENT_DAMAGED', { detail: `files/${sha} does not match its hash` });
      attachments.push({ path: attachmentEntryPath(sha), size: actual.size, sha256: sha, file });
      attachmentBytes += actual.size;
      report('files', ++i / shas.size);
      await tick();
    }
    report('files', 1);

    // 3. Manifest, payload, statement, signature.
    const chain: Omit<Statement, 'payload'> = {
      format: FORMAT,
      version: FORMAT_VERSION,
      county: COUNTY.code,
      township,
      keyId: signer.keyId,
      suite: signer.suite,
      sequence,
      previous: prev?.sha256 ?? null,
      full,
      createdAt,
      expiresAt,
    };
    // The audit head this bundle carries, linked to the heads of the desk's earlier bundles (the hash
    // the trail holds now at each of those lengths), so the county sees a trail cut or rewritten since.
    if (audit) {
      const head = audit;
      const links = exportCheckpointLengths(ctx.db, AUDIT_LINKS).map((entries) => ({ entries, hash: entries <= head.entries ? entryHashAt(ctx.db, entries) : null }));
      audit = { ...head, links };
    }
    const files = [...tableFiles, ...attachments];
    const manifest: Manifest = {
      ...chain,
      changes: { after: full ? 0 : prev!.lastChangeSeq, upTo },
      files: files.map(({ path: p, size, sha256 }) => ({ path: p, size, sha256 })),
      counts,
      audit,
      producer: { app: 'township-intake', version: ctx.version },
    };
    const entries: SealEntry[] = files.map((f) => ({ path: f.path, size: f.size, file: f.file, sha256: f.sha256 }));
    const sealed = await sealBundle({
      out,
      chain,
      manifest: Buffer.from(JSON.stringify(manifest), 'utf8'),
      entries,
      signer,
      recipient,
      onProgress: (p) => report(p.phase, p.total ? p.done / p.total : 1),
    });

    // 4. Only a bundle that exists on disk is recorded; if recording fails the file goes too, so no
    //    two different files ever carry the same sequence.
    try {
      ctx.db.transaction(() => {
        if (audit) exportCheckpoint(ctx, signer, { entries: audit.entries, head: audit.head }, createdAt, sequence);
        recordExport(ctx.db, {
          sequence,
          sha256: sealed.sha256,
          file: out,
          size: sealed.size,
          full,
          keyId: signer.keyId,
          createdAt,
          expiresAt,
          lastChangeSeq: upTo,
          counts,
        });
      })();
    } catch (err) {
      fs.rmSync(out, { force: true });
      throw err instanceof IntakeError ? err : new IntakeError('EXPORT_BUSY', { detail: (err as Error).message });
    }
    report('write', 1);
    return {
      file: out,
      sequence,
      sha256: sealed.sha256,
      size: sealed.size,
      full,
      createdAt,
      expiresAt,
      keyFingerprint: formatFingerprint(signer.keyId),
      counts,
      attachments: attachments.length,
      attachmentBytes,
    };
  } finally {
    running.delete(ctx.dataDir);
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
