/**
 * Resident ID numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd = male), and an ISO 7064 MOD 11-2 check character. Birth date and sex are derived, never typed.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdProblem = 'length' | 'characters' | 'area' | 'birthDate' | 'checkChar' | 'oldFormat';

export interface ParsedId {
  id: string;
  areaCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'M' | 'F';
}

/** Upper-cases x, drops blanks: what an operator types or a card reader sends. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * What an ID number being typed already says: the birth date once its 14 characters are in (when they
 * form a real date), the sex once the 17th is; at 18, the full check (`problem` set if it fails).
 */
export interface IdReading {
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  complete: boolean;
  problem: IdProblem | null;
}
export function readIdNumber(raw: string, today: string): IdReading {
  const id = normaliseIdNumber(raw);
  if (id.length >= 18) {
    const full = parseIdNumber(id, today);
    return full.ok
      ? { birthDate: full.value.birthDate, sex: full.value.sex, complete: true, problem: null }
      : { birthDate: null, sex: null, complete: id.length === 18, problem: full.problem };
  }
  if (!/^\d*$/.test(id)) return { birthDate: null, sex: null, complete: false, problem: 'characters' };
  let birthDate: string | null = null;
  if (id.length >= 14) {
    const y = Number(id.slice(6, 10));
    const m = Number(id.slice(10, 12));
    const d = Number(id.slice(12, 14));
    const date = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    if (y < 1900 || !validDate(y, m, d) || date > today) return { birthDate: null, sex: null, complete: false, problem: 'birthDate' };
    birthDate = date;
  }
  const sex = id.length >= 17 ? (Number(id[16]) % 2 === 1 ? 'M' : 'F') : null;
  return { birthDate, sex, complete: false, problem: null };
}

/** Parses and checks a resident ID; `today` bounds the birth date (no one is born tomorrow). */
export function parseIdNumber(raw: string, today: string): { ok: true; value: ParsedId } | { ok: false; problem: IdProblem } {
  const id = normaliseIdNumber(raw);
  if (/^\d{15}$/.test(id)) return { ok: false, problem: 'oldFormat' };
  if (id.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'characters' };
  if (!/^[1-9]\d{5}$/.test(id.slice(0, 6))) return { ok: false, problem: 'area' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900 || !validDate(y, m, d) || birthDate > today) return { ok: false, problem: 'birthDate' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checkChar' };
  return { ok: true, value: { id, areaCode: id.slice(0, 6), birthDate, sex: Number(id[16]) % 2 === 1 ? 'M' : 'F' } };
}
