import { z } from 'zod';
import type { Role } from '../../kernel/roles.js';
import { ADMIN, id, short } from './spec.js';
import { password, role, username } from './auth.js';
import { method, type Namespace } from './spec.js';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  mustChange: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

/** The `users.*` methods. */
export const usersMethods = {
  'users.list': method<UserDto[]>()({ input: z.object({}).strict(), roles: ADMIN, label: '账号列表', kind: 'read' }),
  'users.create': method<UserDto>()({
    input: z.object({ username, displayName: short('姓名', 20), role, password }).strict(),
    roles: ADMIN,
    label: '新建账号', kind: 'write',
  }),
  'users.update': method<UserDto>()({
    input: z.object({ userId: id, displayName: short('姓名', 20).optional(), role: role.optional(), active: z.boolean().optional() }).strict(),
    roles: ADMIN,
    label: '修改账号', kind: 'write',
  }),
  'users.resetPassword': method<UserDto>()({ input: z.object({ userId: id, password }).strict(), roles: ADMIN, label: '重置密码', kind: 'write' }),
} satisfies Namespace<'users'>;
