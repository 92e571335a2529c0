import type { PersonCheck, PersonHit } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { maskIdNumber, maskPhone } from '../../domain/masking.js';
import { getVillage } from '../../store/villages.js';
import { parsePhone } from '../../domain/phone.js';
import { classifyQuery } from '../../domain/search-query.js';
import { likelyDuplicateIds, personIdByIdNumber } from '../../store/persons.js';
import { personHistory, personReveal } from '../../services/person-history.js';
import { requirePermission } from '../../services/permissions.js';
import { personHits, preparePerson, readId, searchPersons, type NewPersonInput } from '../../services/person-view.js';

function findDuplicates(ctx: CoreContext, input: { name: string; phones: string[]; villageId?: number }): PersonHit[] {
  if (input.name === '') return [];
  const phones = input.phones.map(parsePhone).flatMap((p) => (p.ok ? [p.value] : []));
  return personHits(ctx, likelyDuplicateIds(ctx.db, input.name, phones, input.villageId ?? null));
}

/** Reads a new person the way registration will, without saving: the form shows the core's verdict early. */
function checkPerson(ctx: CoreContext, input: NewPersonInput): PersonCheck {
  const row = preparePerson(ctx, input, 'person');
  const existingId = row.idNumber ? personIdByIdNumber(ctx.db, row.idNumber) : null;
  const duplicates = row.idNumber
    ? []
    : personHits(ctx, likelyDuplicateIds(ctx.db, row.name, row.phones.map((p) => p.value), row.villageId));
  return {
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    idMasked: row.idNumber ? maskIdNumber(row.idNumber) : null,
    phoneMasked: row.phones[0] ? maskPhone(row.phones[0].value) : null,
    village: row.villageId !== null ? (getVillage(ctx.db, row.villageId)?.name ?? null) : null,
    villageId: row.villageId,
    existing: existingId === null ? null : (personHits(ctx, [existingId])[0] ?? null),
    duplicates,
  };
}

export const personsHandlers: HandlersOf<'persons'> = {
  'persons.search': (ctx, input) => searchPersons(ctx, classifyQuery(input.q), input.limit),
  'persons.readId': (ctx, input) => readId(ctx, input.idNumber),
  'persons.check': checkPerson,
  'persons.duplicates': findDuplicates,
  'persons.history': personHistory,
  'persons.reveal': (ctx, input, session) => {
    requirePermission(ctx, session, 'reveal');
    return personReveal(ctx, input, session);
  },
};
