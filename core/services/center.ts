/** This center: its township, phone and settings, and the name every receipt and notice carries. */
import type { CoreContext } from '../kernel/context.js';
import type { SystemInfo } from '../domain/views/center.js';
import { IntakeError } from '../kernel/errors.js';
import { parsePhone } from '../domain/phone.js';
import { schemaVersion } from '../store/migrate.js';
import { attachmentLimits, backupKeepDays, centerPhone, centerTownship, dayMode, instructionDueDays, readSetting, writeSetting } from '../store/settings.js';
import { getTownship } from '../store/townships.js';
import { COUNTY } from '../store/reference-data.js';
import type { DayMode } from '../domain/deadlines.js';
import { refreshAll, startRefold } from './matter-status.js';
import type { JobDto } from '../domain/views/jobs.js';

export function centerInfo(ctx: CoreContext): SystemInfo {
  const code = centerTownship(ctx.db);
  return {
    version: ctx.version,
    schemaVersion: schemaVersion(ctx.db),
    county: COUNTY.name,
    township: code ? getTownship(ctx.db, code) : null,
    centerPhone: centerPhone(ctx.db),
    dayMode: dayMode(ctx.db),
    backupKeepDays: backupKeepDays(ctx.db),
    instructionDueDays: instructionDueDays(ctx.db),
    attachmentMaxFileMb: attachmentLimits(ctx.db).maxFileBytes / 1024 / 1024,
    attachmentMaxTotalMb: attachmentLimits(ctx.db).maxTotalBytes / 1024 / 1024,
    dataDir: ctx.dataDir,
    lastRestore: lastRestoreBrief(ctx),
  };
}

/** When the last restore from the UI ended and whether it restored: no path, no person, nothing the sign-in screen should not show. */
function lastRestoreBrief(ctx: CoreContext): SystemInfo['lastRestore'] {
  const r = readSetting(ctx.db, 'lastRestore');
  return r ? { at: r.at, ok: r.ok } : null;
}

/** "舒城县张母桥镇综治维稳信访工作中心": the contact every document names. */
export function centerName(ctx: CoreContext): string {
  const code = centerTownship(ctx.db);
  return `${COUNTY.name}${(code && getTownship(ctx.db, code)?.name) ?? ''}综治维稳信访工作中心`;
}

export interface CenterChange {
  township?: string;
  phone?: string;
  dayMode?: DayMode;
  backupKeepDays?: number;
  instructionDueDays?: number;
  attachmentMaxFileMb?: number;
  attachmentMaxTotalMb?: number;
}

/**
 * Changes the center's settings. A new day mode moves every deadline: with `startedBy` (a call from a
 * user) the matters are re-folded as a job, returned for the page to follow; without, at once (setup).
 */
export function configureCenter(ctx: CoreContext, input: CenterChange, startedBy?: string): SystemInfo & { refoldJob: JobDto | null } {
  let refoldJob: JobDto | null = null;
  if (input.backupKeepDays !== undefined) writeSetting(ctx.db, 'backupKeepDays', input.backupKeepDays);
  if (input.instructionDueDays !== undefined) writeSetting(ctx.db, 'instructionDueDays', input.instructionDueDays);
  if (input.attachmentMaxFileMb !== undefined) writeSetting(ctx.db, 'attachmentMaxFileMb', input.attachmentMaxFileMb);
  if (input.attachmentMaxTotalMb !== undefined) writeSetting(ctx.db, 'attachmentMaxTotalMb', input.attachmentMaxTotalMb);
  const limits = attachmentLimits(ctx.db);
  if (limits.maxTotalBytes < limits.maxFileBytes) {
    throw new IntakeError('INVALID_INPUT', { field: 'attachmentMaxTotalMb', message_zh: '每次登记的附件合计上限不能小于单个附件上限', detail: 'total below per-file limit' });
  }
  if (input.township !== undefined) {
    if (!getTownship(ctx.db, input.township)) throw new IntakeError('TOWNSHIP_UNKNOWN', { field: 'township', detail: input.township });
    writeSetting(ctx.db, 'centerTownship', input.township);
  }
  if (input.phone !== undefined) {
    const phone = input.phone === '' ? null : parsePhone(input.phone);
    if (phone && !phone.ok) throw new IntakeError('PHONE_INVALID', { field: 'phone' });
    writeSetting(ctx.db, 'centerPhone', phone ? phone.value : '');
  }
  if (input.dayMode !== undefined && input.dayMode !== dayMode(ctx.db)) {
    writeSetting(ctx.db, 'dayMode', input.dayMode);
    if (startedBy) refoldJob = startRefold(ctx, startedBy);
    else refreshAll(ctx);
  }
  return { ...centerInfo(ctx), refoldJob };
}

/** The township a call is about: the one named, else this center's own. */
export function townshipOrCenter(ctx: CoreContext, code: string | undefined, field = 'township'): string {
  const chosen = code ?? centerTownship(ctx.db);
  if (!chosen) throw new IntakeError('TOWNSHIP_NOT_SET', { field });
  if (!getTownship(ctx.db, chosen)) throw new IntakeError('TOWNSHIP_UNKNOWN', { field, detail: chosen });
  return chosen;
}
