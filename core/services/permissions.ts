/** The center's permission matrix, and the check handlers make with it. */
import type { CoreContext } from '../kernel/context.js';
import type { Session } from '../kernel/session.js';
import { IntakeError } from '../kernel/errors.js';
import { allows, effectivePermissions, type Permission, type PermissionMatrix } from '../domain/permissions.js';
import { readSetting, writeSetting } from '../store/settings.js';

export const permissionMatrix = (ctx: CoreContext): PermissionMatrix => effectivePermissions(readSetting(ctx.db, 'permissions'));

export function setPermissionMatrix(ctx: CoreContext, matrix: Partial<PermissionMatrix>): PermissionMatrix {
  writeSetting(ctx.db, 'permissions', { ...permissionMatrix(ctx), ...matrix });
  return permissionMatrix(ctx);
}

/** Refuses (FORBIDDEN, audited by dispatch) when the caller's role lacks the permission. */
export function requirePermission(ctx: CoreContext, session: Session, p: Permission): void {
  if (!allows(permissionMatrix(ctx), session.role, p)) throw new IntakeError('FORBIDDEN');
}
