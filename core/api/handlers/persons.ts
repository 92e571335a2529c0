import type { PersonCheck, PersonHit } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { maskIdNumber } from '../../domain/masking.js';
import { parsePhone } from '../../domain/phone.js';
import { classifyQuery } from '../../domain/search-query.js';
import { likelyDuplicateIds, personIdByIdNumber, searchPersonIds } from '../../store/persons.js';
import { personHistory, personReveal } from '../../services/person-history.js';
import { requirePermission } from '../../services/permissions.js';
import { personHits, preparePerson, type NewPersonInput } from '../../services/person-view.js';

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
    existing: existingId === null ? null : (personHits(ctx, [existingId])[0] ?? null),
    duplicates,
  };
}

export const personsHandlers: HandlersOf<'persons'> = {
  'persons.search': (ctx, input) => personHits(ctx, searchPersonIds(ctx.db, classifyQuery(input.q), input.limit)),
  'persons.check': checkPerson,
  'persons.duplicates': findDuplicates,
  'persons.history': personHistory,
  'persons.reveal': (ctx, input, session) => {
    requirePermission(ctx, session, 'reveal');
    return personReveal(ctx, input, session);
  },
};
