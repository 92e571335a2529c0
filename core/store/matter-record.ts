/**
 * The national record's fields of a matter (migration 018: 匿名, 联名, 被反映人/单位, 重大紧急, 涉法涉诉,
 * the earlier matter repeated) and how it came in (migration 019: the day received, the source body and
 * its number). Kept apart from insertMatter so the base row reads and writes on every schema; a matter
 * registered before the migrations reads with the columns' defaults.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { NationalRow, RecordFields } from '../domain/national-record.js';
import { decodeFacts } from './facts-codec.js';

export interface IntakeFields {
  /** The day received (来信, 上级转送, 领导批示件); null when it is the registration day. */
  receivedOn: string | null;
  sourceBody: string;
  sourceNo: string;
}

export type MatterRecordFields = RecordFields & IntakeFields;

export function writeRecordFields(db: Database, matterId: number, f: MatterRecordFields): void {
  db.prepare(
    `UPDATE matters SET anonymous = ?, joint_count = ?, reported_party = ?, urgent = ?, litigation = ?, repeat_of = ?,
                        received_on = ?, source_body = ?, source_no = ?
      WHERE id = ?`,
  ).run(f.anonymous ? 1 : 0, f.jointCount, f.reportedParty, f.urgent ? 1 : 0, f.litigation ? 1 : 0, f.repeatOf, f.receivedOn, f.sourceBody, f.sourceNo, matterId);
}

const FIELDS_SELECT = `m.anonymous, m.joint_count AS jointCount, m.reported_party AS reportedParty, m.urgent, m.litigation,
  m.repeat_of AS repeatOf, m.received_on AS receivedOn, m.source_body AS sourceBody, m.source_no AS sourceNo`;
type FieldsRow = Omit<MatterRecordFields, 'anonymous' | 'urgent' | 'litigation'> & { anonymous: number; urgent: number; litigation: number };
const toFields = (r: FieldsRow): MatterRecordFields => ({
  anonymous: r.anonymous === 1,
  jointCount: r.jointCount,
  reportedParty: r.reportedParty,
  urgent: r.urgent === 1,
  litigation: r.litigation === 1,
  repeatOf: r.repeatOf,
  receivedOn: r.receivedOn,
  sourceBody: r.sourceBody,
  sourceNo: r.sourceNo,
});

export function recordFieldsOf(db: Database, matterId: number): MatterRecordFields | null {
  const r = db.prepare(`SELECT ${FIELDS_SELECT} FROM matters m WHERE m.id = ?`).get(matterId) as FieldsRow | undefined;
  return r ? toFields(r) : null;
}

/** The case number of a matter (for the earlier matter a repeat names). */
export function caseNoOf(db: Database, matterId: number): string | null {
  return (db.prepare('SELECT case_no AS caseNo FROM matters WHERE id = ?').get(matterId) as { caseNo: string } | undefined)?.caseNo ?? null;
}

/** Does any of these persons take part in the matter? (A repeat names one of the persons' own matters.) */
export function matterHasAnyPerson(db: Database, matterId: number, personIds: readonly number[]): boolean {
  return (
    db.prepare('SELECT 1 FROM matter_persons WHERE matter_id = ? AND person_id IN (SELECT value FROM json_each(?)) LIMIT 1').get(matterId, JSON.stringify(personIds)) !==
    undefined
  );
}

/** The rows of the national-record export, in the order of the ids given (the state as its key: the caller labels it). */
export function nationalRowsByIds(db: Database, ids: readonly number[]): (Omit<NationalRow, 'stateLabel'> & { state: string })[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(
      `SELECT m.id, m.case_no AS caseNo, m.channel, m.purpose, m.category, m.request, m.is_group AS isGroup, ${FIELDS_SELECT},
              r.case_no AS repeatOfCaseNo, s.state, s.unit, f.facts_json AS factsJson, f.registered_on AS registeredOn,
              coalesce(vl.name, t.name, '') AS place,
              (SELECT group_concat(p.name, '、') FROM matter_persons mp JOIN persons p ON p.id = mp.person_id WHERE mp.matter_id = m.id) AS persons,
              (SELECT p.id_number FROM matter_persons mp JOIN persons p ON p.id = mp.person_id WHERE mp.matter_id = m.id ORDER BY p.id LIMIT 1) AS idNumber,
              (SELECT v.headcount FROM visits v WHERE v.matter_id = m.id ORDER BY v.id LIMIT 1) AS headcount,
              (SELECT v.involved FROM visits v WHERE v.matter_id = m.id ORDER BY v.id LIMIT 1) AS involved,
              (SELECT group_concat(ls.level, ',') FROM level_skips ls WHERE ls.matter_id = m.id) AS skips
         FROM matters m JOIN matter_status s ON s.matter_id = m.id
         LEFT JOIN matter_facts f ON f.matter_id = m.id
         LEFT JOIN matters r ON r.id = m.repeat_of
         LEFT JOIN villages vl ON vl.id = m.place_village_id
         LEFT JOIN townships t ON t.code = m.place_township
        WHERE m.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as (FieldsRow & {
    id: number; caseNo: string; channel: string; purpose: string; category: string; request: string; isGroup: number;
    repeatOfCaseNo: string | null; state: string; unit: string | null; factsJson: string | null; registeredOn: string | null;
    place: string; persons: string | null; idNumber: string | null; headcount: number | null; involved: number | null; skips: string | null;
  })[];
  const byId = new Map(
    rows.map((r) => {
      const facts = r.factsJson ? decodeFacts(r.factsJson) : null;
      const record = toFields(r);
      return [
        r.id,
        {
          caseNo: r.caseNo,
          registeredOn: r.registeredOn ?? '',
          channel: r.channel,
          sourceBody: record.sourceBody,
          sourceNo: record.sourceNo,
          persons: r.persons ?? '',
          idNumber: r.idNumber,
          headcount: r.headcount ?? 0,
          involved: r.involved ?? 0,
          isGroup: r.isGroup === 1,
          record,
          repeatOfCaseNo: r.repeatOfCaseNo,
          firstAtCenter: facts?.firstAtCenter ?? false,
          repeatVisits: facts?.repeatVisits ?? 0,
          backlogOn: facts?.backlogOn ?? null,
          place: r.place,
          purpose: r.purpose,
          category: r.category,
          request: r.request,
          skips: r.skips ?? '',
          state: r.state,
          unit: r.unit,
        },
      ] as const;
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
