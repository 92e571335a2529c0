import { z } from 'zod';
import { ROLES, type Role } from '../../kernel/roles.js';
import { ANYONE, short, townshipCode } from './spec.js';
import { method, type Namespace } from './spec.js';

/** The signed-in user, as the frame shows them. */
export interface Me {
  username: string;
  displayName: string;
  role: Role;
  mustChange: boolean;
  locked: boolean;
}
export interface AuthStatus {
  /** false on a fresh install: the first admin must be created. */
  hasUsers: boolean;
  /** The first admin must type the setup code printed on the console (browser mode). */
  setupCodeRequired: boolean;
  me: Me | null;
}
export interface LoginResult {
  token: string;
  me: Me;
}

export const username = z.string({ error: '请填写用户名' }).trim().toLowerCase().regex(/^[a-z][a-z0-9_.-]{2,31}$/, { error: '用户名为 3–32 位小写字母、数字或 ._-，以字母开头' });
export const password = z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(200, { error: '密码过长' });
export const role = z.enum(ROLES, { error: '请选择角色' });

/** The `auth.*` methods. */
export const authMethods = {
  'auth.status': method<AuthStatus>()({ input: z.object({}).strict(), roles: ANYONE, label: '登录状态', onWriter: true, whileLocked: true, whileMustChange: true, kind: 'read', public: true, passive: true }),
  'auth.setup': method<LoginResult>()({
    input: z
      .object({
        username,
        displayName: short('姓名', 20),
        password,
        setupCode: z.string().trim().max(40).optional(),
        // First start also names the center (receipts and notices carry both), unless `--township` did.
        township: townshipCode.optional(),
        phone: z.string().trim().max(30, { error: '电话号码格式不正确' }).optional(),
      })
      .strict(),
    roles: ANYONE,
    label: '创建首个管理员', kind: 'write',
    public: true,
  }),
  'auth.login': method<LoginResult>()({
    input: z.object({ username, password }).strict(),
    roles: ANYONE,
    label: '登录', kind: 'write',
    public: true,
    selfTx: true,
  }),
  'auth.logout': method<null>()({ input: z.object({}).strict(), roles: ANYONE, label: '退出', whileLocked: true, whileMustChange: true, kind: 'write' }),
  'auth.lock': method<null>()({ input: z.object({}).strict(), roles: ANYONE, label: '锁屏', whileMustChange: true, kind: 'write', passive: true }),
  'auth.unlock': method<Me>()({ input: z.object({ password }).strict(), roles: ANYONE, label: '解锁', whileLocked: true, kind: 'write', selfTx: true }),
  'auth.changePassword': method<Me>()({ input: z.object({ current: password, next: password }).strict(), roles: ANYONE, label: '修改密码', whileMustChange: true, kind: 'write', selfTx: true }),
} satisfies Namespace<'auth'>;
