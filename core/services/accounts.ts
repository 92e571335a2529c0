/** The password rules, applied wherever a password is chosen (setup, change, create, reset). */
import { IntakeError } from '../kernel/errors.js';
import { passwordProblem } from '../domain/password-policy.js';

export function checkPassword(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new IntakeError(problem, { field });
}
