import type { ParsedInput, RegisterResult } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import type { Session } from '../../kernel/session.js';
import { appendEvent } from '../../store/events.js';
import { formatCaseNo } from '../../domain/case-number.js';
import { GROUP_THRESHOLD, MAX_REPRESENTATIVES } from '../../domain/categories.js';
import { IntakeError } from '../../kernel/errors.js';
import { localDate, localYear } from '../../domain/local-time.js';
import { prepareAttachments, storeAttachments } from '../../services/attachments.js';
import { nextCaseSeq } from '../../store/case-sequences.js';
import {
  getMatter,
  insertMatter,
  linkMatterPersons,
  markGroup,
} from '../../store/matters.js';
import { insertPerson, likelyDuplicateIds, personExists, personIdByIdNumber } from '../../store/persons.js';
import { getVillage } from '../../store/villages.js';
import { matterHasAnyPerson, writeRecordFields } from '../../store/matter-record.js';
import { insertVisit } from '../../store/visits.js';
import { townshipOrCenter } from '../../services/center.js';
import { refreshStatus } from '../../services/matter-status.js';
import { preparePerson } from '../../services/person-view.js';

type RegisterInput = ParsedInput<'visits.register'>;

/** Resolves every participant to a person id, registering new persons; refuses duplicates by ID. */
function resolveParticipants(ctx: CoreContext, input: RegisterInput, at: string): { personId: number; representative: boolean }[] {
  const seen = new Set<number>();
  return input.participants.map((p, i) => {
    const field = `participants.${i}.person`;
    let personId: number;
    if ('personId' in p.person) {
      if (!personExists(ctx.db, p.person.personId)) throw new IntakeError('PERSON_NOT_FOUND', { field });
      personId = p.person.personId;
    } else {
      const row = preparePerson(ctx, p.person, field);
      // One person per ID number: the form opens an existing person; the core never makes a second.
      if (row.idNumber && personIdByIdNumber(ctx.db, row.idNumber) !== null) {
        throw new IntakeError('ID_EXISTS', { field: `${field}.idNumber` });
      }
      if (!row.idNumber && !p.person.confirmedNotDuplicate) {
        const dupes = likelyDuplicateIds(ctx.db, row.name, row.phones.map((x) => x.value), row.villageId);
        if (dupes.length > 0) throw new IntakeError('LIKELY_DUPLICATE', { field: `${field}.name` });
      }
      personId = insertPerson(ctx.db, row, at);
    }
    if (seen.has(personId)) throw new IntakeError('PERSON_TWICE', { field });
    seen.add(personId);
    return { personId, representative: p.representative };
  });
}

function checkGroup(input: RegisterInput): boolean {
  const { headcount, involved } = input.visit;
  if (headcount < input.participants.length) throw new IntakeError('HEADCOUNT_TOO_SMALL', { field: 'visit.headcount' });
  if (involved < headcount) throw new IntakeError('INVOLVED_TOO_SMALL', { field: 'visit.involved' });
  const isGroup = headcount >= GROUP_THRESHOLD;
  let reps = 0;
  input.participants.forEach((p, i) => {
    if (!p.representative) return;
    reps += 1;
    const field = `participants.${i}.representative`;
    if (!isGroup) throw new IntakeError('REPRESENTATIVES_NOT_GROUP', { field });
    if (reps > MAX_REPRESENTATIVES) throw new IntakeError('TOO_MANY_REPRESENTATIVES', { field });
  });
  return isGroup;
}

/**
 * Registers one visit: its persons, its matter (new, or an existing one for a repeat visit) and its
 * attachments. The dispatcher runs this in one transaction, so a refusal anywhere saves nothing.
 */
function registerVisit(ctx: CoreContext, input: RegisterInput, session: Session): RegisterResult {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const visitedAt = input.visit.visitedAt ? new Date(input.visit.visitedAt).toISOString() : at;
  const township = townshipOrCenter(ctx, undefined, 'matter');
  const isGroup = checkGroup(input);
  const files = prepareAttachments(ctx, session.user, input.attachments);
  const participants = resolveParticipants(ctx, input, at);
  const personIds = participants.map((p) => p.personId);

  let matterId: number;
  let caseNo: string;
  let registeredAt: string;
  const repeat = 'existingId' in input.matter;
  if ('existingId' in input.matter) {
    const existing = getMatter(ctx.db, input.matter.existingId);
    if (!existing) throw new IntakeError('MATTER_NOT_FOUND', { field: 'matter.existingId' });
    ({ id: matterId, caseNo, registeredAt } = existing);
    if (isGroup) markGroup(ctx.db, matterId);
  } else {
    const m = input.matter;
    let placeTownship: string | null = township;
    if (m.placeVillageId !== undefined) {
      const village = getVillage(ctx.db, m.placeVillageId);
      if (!village) throw new IntakeError('VILLAGE_UNKNOWN', { field: 'matter.placeVillageId' });
      placeTownship = village.townshipCode;
    }
    const year = localYear(new Date(visitedAt));
    const seq = nextCaseSeq(ctx.db, township, year);
    if (seq > 999_999) throw new IntakeError('CASE_NUMBERS_EXHAUSTED');
    caseNo = formatCaseNo(township, year, seq);
    registeredAt = visitedAt;
    matterId = insertMatter(
      ctx.db,
      {
        caseNo,
        townshipCode: township,
        channel: input.visit.channel,
        purpose: m.purpose,
        category: m.category,
        tags: m.tags,
        request: m.request,
        facts: m.facts,
        placeTownship,
        placeVillageId: m.placeVillageId ?? null,
        isGroup,
        registeredAt,
        levelSkips: m.levelSkips.map((s) => ({ level: s.level, visitedOn: s.visitedOn ?? null, abnormal: s.abnormal })),
      },
      at,
    );
  }
  linkMatterPersons(ctx.db, matterId, personIds);
  const visitId = insertVisit(
    ctx.db,
    {
      matterId,
      visitedAt,
      channel: input.visit.channel,
      headcount: input.visit.headcount,
      involved: input.visit.involved,
      isRepeat: repeat,
      persons: participants.map((p) => ({ personId: p.personId, role: p.representative ? 'representative' : 'visitor' })),
    },
    at,
  );
  if (!('existingId' in input.matter)) {
    const m = input.matter;
    const registeredOn = localDate(new Date(registeredAt));
    // A letter, a transfer from above or a 批示件 is registered as of the day it was received: the 15 days run from it.
    const receivedOn = input.visit.receivedOn ?? null;
    if (receivedOn !== null && receivedOn > registeredOn) throw new IntakeError('RECEIVED_AFTER_REGISTRATION', { field: 'visit.receivedOn' });
    if (m.repeatOf !== undefined && !matterHasAnyPerson(ctx.db, m.repeatOf, personIds)) throw new IntakeError('REPEAT_OF_UNRELATED', { field: 'matter.repeatOf' });
    writeRecordFields(ctx.db, matterId, {
      anonymous: m.anonymous,
      jointCount: m.jointCount ?? 0,
      reportedParty: m.reportedParty,
      urgent: m.urgent,
      litigation: m.litigation,
      repeatOf: m.repeatOf ?? null,
      receivedOn,
      sourceBody: input.visit.source?.body ?? '',
      sourceNo: input.visit.source?.number ?? '',
    });
    appendEvent(ctx.db, { matterId, type: 'register', on: receivedOn ?? registeredOn, data: {}, reason: '', actor: session.user }, at);
  }
  const status = refreshStatus(ctx, matterId);
  storeAttachments(ctx, files, { matterId, visitId }, at);
  return {
    matterId,
    caseNo,
    visitId,
    personIds,
    repeat,
    isGroup,
    decisionDue: status.decisionDue, // from the fold, as the receipt, notices and lists give it
    pending: status.nextDue && status.nextDueKind ? { kind: status.nextDueKind, due: status.nextDue } : null,
  };
}

export const visitsHandlers: HandlersOf<'visits'> = {
  'visits.register': registerVisit,
};
