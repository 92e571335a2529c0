/** Role names as staff say them. */
import type { Role } from '../../core/api/contract';

export const ROLE_LABELS: Record<Role, string> = { reception: '接待员', leader: '带班领导', admin: '管理员' };
