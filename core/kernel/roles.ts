/** The desk's roles (../shared/DOMAIN.md "Roles"): 接待员, 带班领导, 管理员. */
export const ROLES = ['reception', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
