/** 数据包: the admin's side of case bundles, shared by its handlers and the `intake bundle` command. */
import path from 'node:path';
import type { BundleStatusDto, ExportJobDto } from '../domain/views/bundles.js';
import type { CoreContext } from '../kernel/context.js';
import { centerKeyInfo } from '../bundle/center-keys.js';
import { countySetting, setCounty, type SetCountyInput } from '../bundle/county-setting.js';
import { EXPORTS_FOLDER } from '../bundle/export.js';
import { exportJob, startExportJob, type ExportJob } from '../bundle/jobs.js';
import { formatFingerprint } from '../domain/fingerprint.js';
import { lastExport, pendingChanges } from '../store/bundles.js';
import { centerTownship } from '../store/settings.js';

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
  };
}

export function bundleSetCounty(ctx: CoreContext, input: SetCountyInput): BundleStatusDto {
  setCounty(ctx, input);
  return bundleStatus(ctx);
}

function jobDto(job: ExportJob): ExportJobDto {
  const r = job.result;
  return {
    id: job.id,
    state: job.state,
    phase: job.phase,
    percent: job.percent,
    result: r && { file: r.file, sequence: r.sequence, size: r.size, full: r.full, sha256: r.sha256, counts: r.counts, attachments: r.attachments, keyFingerprint: r.keyFingerprint, expiresAt: r.expiresAt },
    error: job.error,
  };
}

export function bundleExportStart(ctx: CoreContext, input: { full: boolean; out?: string; validDays?: number }): ExportJobDto {
  return jobDto(startExportJob(ctx, { full: input.full, out: input.out, validDays: input.validDays }));
}

export function bundleExportStatus(ctx: CoreContext, input: { jobId: string }): ExportJobDto {
  return jobDto(exportJob(ctx, input.jobId));
}
