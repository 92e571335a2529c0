/** Persons as the desk reads and writes them: the person rules on input, masked hits on output. */
import type { CoreContext } from '../kernel/context.js';
import type { PersonHit } from '../domain/views/person.js';
import { IntakeError, type ErrorCode } from '../kernel/errors.js';
import { parseIdNumber, type IdProblem } from '../domain/idcard.js';
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

const NAME = /^[\p{L}·•]+$/u;

export interface NewPersonInput {
  name: string;
  idNumber: string;
  noIdReason: string;
  sex?: 'M' | 'F';
  birthDate?: string;
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
    ({ id: idNumber, sex, birthDate } = parsed.value);
  } else if (p.noIdReason === '') {
    throw new IntakeError('ID_OR_REASON', { field: `${field}.idNumber` });
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
export function personHits(ctx: CoreContext, ids: readonly number[]): PersonHit[] {
  return personHitRows(ctx.db, ids).map((r) => ({
    id: r.id,
    name: r.name,
    sex: r.sex,
    idMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    phoneMasked: r.mainPhone ? maskPhone(r.mainPhone) : null,
    village: r.villageName,
    lastVisit: r.lastVisitAt ? localDate(new Date(r.lastVisitAt)) : null,
    openMatters: r.matterCount,
  }));
}
