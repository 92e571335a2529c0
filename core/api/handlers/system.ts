import type { SystemInfo } from '../contract.js';
import type { CoreContext } from '../context.js';
import { IntakeError } from '../../domain/errors.js';
import { schemaVersion } from '../../store/migrate.js';
import { getSetting, setSetting } from '../../store/settings.js';
import { getTownship } from '../../store/townships.js';
import { COUNTY } from '../../store/reference-data.js';

export const CENTER_TOWNSHIP = 'center.township';

export function systemInfo(ctx: CoreContext): SystemInfo {
  const code = getSetting(ctx.db, CENTER_TOWNSHIP);
  return {
    version: ctx.version,
    schemaVersion: schemaVersion(ctx.db),
    county: COUNTY.name,
    township: code ? getTownship(ctx.db, code) : null,
    dataDir: ctx.dataDir,
  };
}

export function setCenterTownship(ctx: CoreContext, code: string): SystemInfo {
  if (!getTownship(ctx.db, code)) throw new IntakeError('TOWNSHIP_UNKNOWN', { field: 'code', detail: code });
  setSetting(ctx.db, CENTER_TOWNSHIP, code);
  return systemInfo(ctx);
}

/** The township a call is about: the one named, else this center's own. */
export function townshipOrCenter(ctx: CoreContext, code: string | undefined, field = 'township'): string {
  const chosen = code ?? getSetting(ctx.db, CENTER_TOWNSHIP);
  if (!chosen) throw new IntakeError('TOWNSHIP_NOT_SET', { field });
  if (!getTownship(ctx.db, chosen)) throw new IntakeError('TOWNSHIP_UNKNOWN', { field, detail: chosen });
  return chosen;
}
