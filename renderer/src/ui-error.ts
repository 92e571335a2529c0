/**
 * The renderer's one shape for an error: what the core refused (a CallFailure) becomes a UiError here
 * and nowhere else. `field` is the dotted input path the message belongs next to; `incident` is set
 * for unexpected errors (the message already quotes it for the admin).
 */
import type { CallFailure, ErrorCode } from '../../core/api/contract';

export interface UiError {
  code: ErrorCode;
  message: string;
  field?: string;
  incident?: string;
}

export function toUiError(failure: CallFailure): UiError {
  return {
    code: failure.code,
    message: failure.message_zh,
    ...(failure.field ? { field: failure.field } : {}),
    ...(failure.incident ? { incident: failure.incident } : {}),
  };
}

/** Messages keyed by field path; an error without a field is under `_` (the form's top alert). */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: UiError | null, rename: (field: string) => string = (f) => f): FieldErrors {
  if (!error) return {};
  return { [error.field ? rename(error.field) : '_']: error.message };
}

/** The message for a field path, or for anything under it (e.g. a participant's row). */
export function errorAt(errors: FieldErrors, prefix: string): string {
  const hit = Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`));
  return hit ? hit[1] : '';
}
