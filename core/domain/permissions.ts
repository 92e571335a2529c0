/**
 * Least privilege below the contract's roles: which roles may do the sensitive things inside a method
 * (../shared/DOMAIN.md "Roles"). The defaults are the township practice; the admin may change them.
 */
import { ROLES, type Role } from '../kernel/roles.js';
import type { EventType } from './case-events.js';

export const PERMISSIONS = {
  reveal: '查看完整证件号或电话',
  approveExtension: '批准延期',
  correctEvent: '更正办理记录',
  recordStep: '记录受理、转送、办理、答复、办结、评价等步骤',
} as const;
export type Permission = keyof typeof PERMISSIONS;
export type PermissionMatrix = Record<Permission, Role[]>;

export const DEFAULT_PERMISSIONS: PermissionMatrix = {
  reveal: ['leader', 'admin'],
  approveExtension: ['leader', 'admin'],
  correctEvent: ['leader', 'admin'],
  recordStep: [...ROLES],
};

/** The permission a handling step needs: an extension is approved by the head, every other step recorded. */
export const stepPermission = (type: EventType): Permission => (type === 'extend' ? 'approveExtension' : 'recordStep');

/** The stored matrix over the defaults; an unknown role or permission in storage is ignored. */
export function effectivePermissions(stored: Partial<Record<string, unknown>> | null): PermissionMatrix {
  const out: PermissionMatrix = { ...DEFAULT_PERMISSIONS };
  if (!stored) return out;
  for (const p of Object.keys(PERMISSIONS) as Permission[]) {
    const roles = stored[p];
    if (Array.isArray(roles)) out[p] = roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string));
  }
  // The admin always keeps every right: a matrix cannot lock the center out of its own data.
  for (const p of Object.keys(out) as Permission[]) if (!out[p].includes('admin')) out[p] = [...out[p], 'admin'];
  return out;
}

export const allows = (matrix: PermissionMatrix, role: Role | 'anonymous', p: Permission): boolean => role !== 'anonymous' && matrix[p].includes(role);
