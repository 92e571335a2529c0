/** 数据包: the admin's side of case bundles, shared by its handlers and the `intake bundle` command. */
import path from 'node:path';
import type { BundleStatusDto, ExportJobDto } from '../domain/views/bundles.js';
import type { CoreContext } from '../kernel/context.js';
import { centerKeyInfo } from '../bundle/center-keys.js';
import { countySetting, setCounty, type SetCountyInput } from '../bundle/county-setting.js';
import { EXPORTS_FOLDER, exportBundle, exportPreflight, type ExportPhase, type ExportResult } from '../bundle/export.js';
import type { JobDto } from '../domain/views/jobs.js';
import { IntakeError } from '../kernel/errors.js';
import { jobStatus, runningJob, startJob } from './jobs.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { lastExport, pendingChanges } from '../store/bundles.js';
import { centerTownship, writeSetting } from '../store/settings.js';
import { inboundList } from '../store/inbound.js';
import { bundleFates } from './inbound.js';

export function bundleStatus(ctx: CoreContext): BundleStatusDto {
  const key = centerKeyInfo(ctx);
  const county = countySetting(ctx);
  const last = lastExport(ctx.db);
  return {
    township: centerTownship(ctx.db),
    key: key && {
      fingerprint: key.fingerprint,
      suite: key.suite,
      publicKey: key.publicKey,
      createdAt: key.createdAt,
      storage: key.storage,
      available: key.available,
      recipient: key.recipient,
    },
    county: {
      set: county !== null,
      recipient: county?.recipient ?? null,
      rootFingerprint: county?.root ? formatFingerprint(county.root.keyId) : null,
      name: county?.name ?? null,
      setAt: county?.setAt ?? null,
    },
    last: last && {
      sequence: last.sequence,
      createdAt: last.createdAt,
      expiresAt: last.expiresAt,
      file: last.file,
      size: last.size,
      full: last.full,
      sha256: last.sha256,
    },
    pending: pendingChanges(ctx.db, last?.lastChangeSeq ?? 0),
    exportsDir: path.join(ctx.dataDir, EXPORTS_FOLDER),
    ...bundleFates(ctx),
    inbound: [...inboundList(ctx.db, 'assignment', 20), ...inboundList(ctx.db, 'receipt', 20)]
      .sort((a, b) => b.imported_at.localeCompare(a.imported_at))
      .map((r) => ({ kind: r.kind, sequence: r.sequence, importedAt: r.imported_at, summary: inboundSummary(r.kind, r.summary) })),
  };
}

function inboundSummary(kind: 'receipt' | 'assignment', json: string): string {
  const s = JSON.parse(json) as { bundle?: number; status?: string; source?: string; name?: string; items?: number };
  if (kind === 'receipt') return `第 ${s.bundle} 号数据包：${s.status === 'refused' ? '已隔离' : '已接收'}`;
  return `交办件 ${s.source} ${s.name}，${s.items} 件`;
}

export function setReceiptDays(ctx: CoreContext, days: number): BundleStatusDto {
  writeSetting(ctx.db, 'bundleReceiptDays', days);
  return bundleStatus(ctx);
}

export function bundleSetCounty(ctx: CoreContext, input: SetCountyInput): BundleStatusDto {
  setCounty(ctx, input);
  return bundleStatus(ctx);
}

const EXPORT_JOB = 'bundles.export';

/** The export as the 数据包 page follows it: the generic job, with the export's own phases and result. */
function exportDto(job: JobDto): ExportJobDto {
  const r = job.result as unknown as ExportResult | null;
  return {
    id: job.id,
    // An export is not cancellable, so it never ends 'cancelled'.
    state: job.state === 'cancelled' ? 'failed' : job.state,
    phase: (job.phase ?? 'rows') as ExportPhase,
    percent: job.percent,
    result: r && { file: r.file, sequence: r.sequence, size: r.size, full: r.full, sha256: r.sha256, counts: r.counts, attachments: r.attachments, keyFingerprint: r.keyFingerprint, expiresAt: r.expiresAt },
    error: job.error,
  };
}

/** Checks at once (so the caller gets the refusal), then runs the export as a job after the call returns. */
export function bundleExportStart(ctx: CoreContext, input: { full: boolean; out?: string; validDays?: number }, startedBy = 'local'): ExportJobDto {
  exportPreflight(ctx);
  if (runningJob(ctx, EXPORT_JOB)) throw new IntakeError('EXPORT_BUSY');
  const job = startJob(ctx, { kind: EXPORT_JOB, startedBy, cancellable: false }, async (control) => {
    const r = await exportBundle(ctx, { ...input, onProgress: (p) => control.progress(Math.floor(p.fraction * 100), 100, p.phase) });
    return { ...r };
  });
  return exportDto(job);
}

export function bundleExportStatus(ctx: CoreContext, input: { jobId: string }): ExportJobDto {
  let job: JobDto;
  try {
    job = jobStatus(ctx, input.jobId);
  } catch {
    throw new IntakeError('EXPORT_JOB_UNKNOWN', { field: 'jobId' });
  }
  if (job.kind !== EXPORT_JOB) throw new IntakeError('EXPORT_JOB_UNKNOWN', { field: 'jobId' });
  return exportDto(job);
}
