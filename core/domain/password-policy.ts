import type { ErrorCode } from '../kernel/errors.js';

/** 等保 2.0 asks for complexity: length, and several kinds of character, not the user's own name. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
export const IDLE_LOCK_MINUTES = 10;
/** A session ends 12 hours after sign-in, however active: a desk left signed in overnight is not. */
export const SESSION_MAX_HOURS = 12;
/** A session with no user activity for an hour (locked since 50 minutes) is forgotten: sign in again. */
export const SESSION_ABANDON_MINUTES = 60;
/** What core/app.ts gives the session store. */
export const SESSION_LIFETIMES = { maxAgeMinutes: SESSION_MAX_HOURS * 60, abandonMinutes: SESSION_ABANDON_MINUTES } as const;

export function passwordProblem(password: string, username: string): ErrorCode | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'PASSWORD_WEAK';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 3) return 'PASSWORD_WEAK';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'PASSWORD_CONTAINS_NAME';
  return null;
}

/** Usernames are typed at a login box: short, plain, case-insensitive. */
export const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;
