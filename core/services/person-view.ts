/** Persons as the desk reads and writes them: the person rules on input, masked hits on output. */
import type { CoreContext } from '../kernel/context.js';
import type { PersonHit } from '../domain/views/person.js';
import { IntakeError, type ErrorCode } from '../kernel/errors.js';
import { parseIdNumber, readIdNumber, type IdProblem } from '../domain/idcard.js';
import { ERROR_MESSAGES } from '../kernel/errors.js';
import type { SearchQuery } from '../domain/search-query.js';
import { searchPersonHits, type PersonHitRow } from '../store/persons.js';
import { localDate } from '../domain/local-time.js';
import { maskIdNumber, maskPhone } from '../domain/masking.js';
import { parsePhone } from '../domain/phone.js';
import { nameInitials } from '../domain/pinyin.js';
import { personHitRows, type NewPersonRow } from '../store/persons.js';
import { getVillage } from '../store/villages.js';
import { today } from './calendar.js';

const ID_PROBLEM_CODES: Record<IdProblem, ErrorCode> = {
  length: 'ID_LENGTH',
  characters: 'ID_CHARACTERS',
  oldFormat: 'ID_OLD_FORMAT',
  area: 'ID_AREA',
  birthDate: 'ID_BIRTH_DATE',
  checkChar: 'ID_CHECK_CHAR',
};

/** A person's name: letters (any script) and the middle dot of transliterated names. */
export const NAME = /^[\p{L}·•]+$/u;

export interface NewPersonInput {
  name: string;
  idNumber: string;
  noIdReason: string;
  sex?: 'M' | 'F';
  birthDate?: string;
  birthYear?: number;
  phones: string[];
  villageId?: number;
  address: string;
}

/**
 * Applies the person rules to what the operator typed: ID checksum with derived birth date and sex
 * (a typed value that contradicts them is refused), phones, village. `field` prefixes error paths so
 * the form can show each message next to its own box.
 */
export function preparePerson(ctx: CoreContext, p: NewPersonInput, field: string): NewPersonRow {
  if (!NAME.test(p.name)) throw new IntakeError('NAME_INVALID', { field: `${field}.name` });
  let idNumber: string | null = null;
  let sex = p.sex ?? null;
  let birthDate = p.birthDate ?? null;
  if (p.idNumber !== '') {
    const parsed = parseIdNumber(p.idNumber, today(ctx));
    if (!parsed.ok) throw new IntakeError(ID_PROBLEM_CODES[parsed.problem], { field: `${field}.idNumber` });
    if (p.sex && p.sex !== parsed.value.sex) throw new IntakeError('SEX_MISMATCH', { field: `${field}.sex` });
    if (p.birthDate && p.birthDate !== parsed.value.birthDate) throw new IntakeError('BIRTH_MISMATCH', { field: `${field}.birthDate` });
    if (p.birthYear !== undefined && String(p.birthYear) !== parsed.value.birthDate.slice(0, 4)) throw new IntakeError('BIRTH_MISMATCH', { field: `${field}.birthYear` });
    ({ id: idNumber, sex, birthDate } = parsed.value);
  } else if (p.noIdReason === '') {
    throw new IntakeError('ID_OR_REASON', { field: `${field}.idNumber` });
  } else if (p.birthYear !== undefined && !p.birthDate) {
    // Only the year is known (said, or worked out from the age): kept as YYYY, a date of reduced precision.
    if (p.birthYear > Number(today(ctx).slice(0, 4))) throw new IntakeError('BIRTH_YEAR_INVALID', { field: `${field}.birthYear` });
    birthDate = String(p.birthYear);
  }
  const phones = p.phones
    .filter((raw) => raw.trim() !== '')
    .map((raw, j) => {
      const ph = parsePhone(raw);
      if (!ph.ok) throw new IntakeError('PHONE_INVALID', { field: `${field}.phones.${j}` });
      return { value: ph.value, kind: ph.kind };
    });
  let townshipCode: string | null = null;
  if (p.villageId !== undefined) {
    const village = getVillage(ctx.db, p.villageId);
    if (!village) throw new IntakeError('VILLAGE_UNKNOWN', { field: `${field}.villageId` });
    townshipCode = village.townshipCode;
  }
  return {
    name: p.name,
    initials: nameInitials(p.name),
    sex,
    idNumber,
    noIdReason: idNumber ? null : p.noIdReason,
    birthDate,
    townshipCode,
    villageId: p.villageId ?? null,
    address: p.address,
    phones,
  };
}

/** Hits as lists show them: masked ID and phone, last visit, number of matters. */
function asHit(r: PersonHitRow): PersonHit {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex,
    idMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    phoneMasked: r.mainPhone ? maskPhone(r.mainPhone) : null,
    village: r.villageName,
    villageId: r.villageId,
    lastVisit: r.lastVisitAt ? localDate(new Date(r.lastVisitAt)) : null,
    openMatters: r.matterCount,
  };
}

/** The hits of these persons, in the order of `ids`. */
export function personHits(ctx: CoreContext, ids: readonly number[]): PersonHit[] {
  return personHitRows(ctx.db, ids).map(asHit);
}

/** How many matches the hit list orders before it shows the first few: enough for a township's namesakes. */
export const SEARCH_WINDOW = 200;

/**
 * The search box's hits, the most recent visitor first, those who never visited after them in the index's order: the
 * store walks its index range for up to SEARCH_WINDOW matches and orders them by their kept last visit in the same
 * statement, so only the first `limit` persons are read and masked.
 */
export function searchPersons(ctx: CoreContext, q: SearchQuery, limit: number): PersonHit[] {
  return searchPersonHits(ctx.db, q, Math.max(limit, SEARCH_WINDOW), limit).map(asHit);
}

/** The ID being typed, read as far as it goes, with the problem in the catalogue's Chinese. */
export function readId(ctx: CoreContext, raw: string): { birthDate: string | null; sex: 'M' | 'F' | null; complete: boolean; message: string | null } {
  const r = readIdNumber(raw, today(ctx));
  return { birthDate: r.birthDate, sex: r.sex, complete: r.complete, message: r.problem ? ERROR_MESSAGES[ID_PROBLEM_CODES[r.problem]].zh : null };
}
