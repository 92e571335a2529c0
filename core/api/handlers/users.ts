import type { Role, UserDto } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { IntakeError } from '../../kernel/errors.js';
import { insertUser, listUsers, setPassword, updateUser, userById, userByName, type UserRecord } from '../../store/users.js';
import { choosePassword } from '../../services/accounts.js';

const toDto = (u: UserRecord): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  active: u.active,
  mustChange: u.mustChange,
  lockedUntil: u.lockedUntil,
  createdAt: u.createdAt,
});

const usersList = (ctx: CoreContext): UserDto[] => listUsers(ctx.db).map(toDto);

/** Staff get an initial password from the admin and must change it at first sign-in. */
function usersCreate(ctx: CoreContext, input: { username: string; displayName: string; role: Role; password: string }): UserDto {
  if (userByName(ctx.db, input.username)) throw new IntakeError('USERNAME_TAKEN', { field: 'username' });
  const passwordHash = choosePassword(input.password, input.username);
  const id = insertUser(
    ctx.db,
    { username: input.username, displayName: input.displayName, role: input.role, passwordHash, mustChange: true },
    ctx.clock.now().toISOString(),
  );
  return toDto(userById(ctx.db, id)!);
}

function requireUser(ctx: CoreContext, id: number): UserRecord {
  const u = userById(ctx.db, id);
  if (!u) throw new IntakeError('NOT_FOUND', { field: 'userId' });
  return u;
}

function usersUpdate(ctx: CoreContext, input: { userId: number; displayName?: string; role?: Role; active?: boolean }): UserDto {
  const u = requireUser(ctx, input.userId);
  const losesAdmin = u.role === 'admin' && u.active && ((input.role && input.role !== 'admin') || input.active === false);
  const admins = listUsers(ctx.db).filter((x) => x.role === 'admin' && x.active).length;
  if (losesAdmin && admins <= 1) throw new IntakeError('LAST_ADMIN', { field: input.active === false ? 'active' : 'role' });
  updateUser(ctx.db, u.id, input, ctx.clock.now().toISOString());
  if (input.active === false || input.role) ctx.sessions.closeUser(u.id); // rights changed: sign in again
  return toDto(userById(ctx.db, u.id)!);
}

/** A new initial password also clears a lockout; the user must change it at next sign-in. */
function usersResetPassword(ctx: CoreContext, input: { userId: number; password: string }): UserDto {
  const u = requireUser(ctx, input.userId);
  setPassword(ctx.db, u.id, choosePassword(input.password, u.username), true, ctx.clock.now().toISOString());
  ctx.sessions.closeUser(u.id);
  return toDto(userById(ctx.db, u.id)!);
}

export const usersHandlers: HandlersOf<'users'> = {
  'users.list': usersList,
  'users.create': usersCreate,
  'users.update': usersUpdate,
  'users.resetPassword': usersResetPassword,
};
