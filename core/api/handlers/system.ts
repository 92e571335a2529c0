import type { SystemInfo } from '../contract/index.js';
import type { CoreContext } from '../../kernel/context.js';
import { IntakeError } from '../../kernel/errors.js';
import { parsePhone } from '../../domain/phone.js';
import { schemaVersion } from '../../store/migrate.js';
import { getSetting, setSetting } from '../../store/settings.js';
import { getTownship } from '../../store/townships.js';
import { COUNTY } from '../../store/reference-data.js';
import { DAY_MODE, refreshAll } from './lifecycle.js';
import { getKeepDays, setKeepDays } from '../../store/backup.js';

export const CENTER_TOWNSHIP = 'center.township';
export const CENTER_PHONE = 'center.phone';

export function systemInfo(ctx: CoreContext): SystemInfo {
  const code = getSetting(ctx.db, CENTER_TOWNSHIP);
  return {
    version: ctx.version,
    schemaVersion: schemaVersion(ctx.db),
    county: COUNTY.name,
    township: code ? getTownship(ctx.db, code) : null,
    centerPhone: getSetting(ctx.db, CENTER_PHONE) ?? '',
    dayMode: (getSetting(ctx.db, DAY_MODE) as 'calendar' | 'working' | null) ?? 'calendar',
    backupKeepDays: getKeepDays(ctx.db),
    dataDir: ctx.dataDir,
  };
}

export function configureCenter(
  ctx: CoreContext,
  input: { township?: string; phone?: string; dayMode?: 'calendar' | 'working'; backupKeepDays?: number },
): SystemInfo {
  if (input.backupKeepDays !== undefined) setKeepDays(ctx.db, input.backupKeepDays);
  if (input.township !== undefined) {
    if (!getTownship(ctx.db, input.township)) throw new IntakeError('TOWNSHIP_UNKNOWN', { field: 'township', detail: input.township });
    setSetting(ctx.db, CENTER_TOWNSHIP, input.township);
  }
  if (input.phone !== undefined) {
    const phone = input.phone === '' ? null : parsePhone(input.phone);
    if (phone && !phone.ok) throw new IntakeError('PHONE_INVALID', { field: 'phone' });
    setSetting(ctx.db, CENTER_PHONE, phone ? phone.value : '');
  }
  if (input.dayMode !== undefined && input.dayMode !== systemInfo(ctx).dayMode) {
    setSetting(ctx.db, DAY_MODE, input.dayMode);
    refreshAll(ctx); // every deadline moves with the way days are counted
  }
  return systemInfo(ctx);
}

/** The township a call is about: the one named, else this center's own. */
export function townshipOrCenter(ctx: CoreContext, code: string | undefined, field = 'township'): string {
  const chosen = code ?? getSetting(ctx.db, CENTER_TOWNSHIP);
  if (!chosen) throw new IntakeError('TOWNSHIP_NOT_SET', { field });
  if (!getTownship(ctx.db, chosen)) throw new IntakeError('TOWNSHIP_UNKNOWN', { field, detail: chosen });
  return chosen;
}
