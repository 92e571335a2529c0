/** Passwords as accounts use them: the policy wherever one is chosen, scrypt for storing and checking. */
import { IntakeError } from '../kernel/errors.js';
import { passwordProblem } from '../domain/password-policy.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';

/** Checks a chosen password against the policy (等保 2.0) and returns its hash to store. */
export function choosePassword(password: string, username: string, field = 'password'): string {
  const problem = passwordProblem(password, username);
  if (problem) throw new IntakeError(problem, { field });
  return hashPassword(password);
}

export const passwordMatches = (password: string, storedHash: string): boolean => verifyPassword(password, storedHash);
