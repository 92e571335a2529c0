import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface PersonVisitRow {
  id: number;
  matterId: number;
  caseNo: string;
  visitedAt: string;
  channel: string;
  headcount: number;
  isRepeat: boolean;
  role: 'visitor' | 'representative';
}

/** Every visit the person came on, newest first. */
export function visitsOfPerson(db: Database, personId: number): PersonVisitRow[] {
  return (db
    .prepare(
      `SELECT v.id, v.matter_id AS matterId, m.case_no AS caseNo, v.visited_at AS visitedAt, v.channel, v.headcount, v.is_repeat AS isRepeat, vp.role
         FROM visit_persons vp JOIN visits v ON v.id = vp.visit_id JOIN matters m ON m.id = v.matter_id
        WHERE vp.person_id = ? ORDER BY v.visited_at DESC, v.id DESC`,
    )
    .all(personId) as (Omit<PersonVisitRow, 'isRepeat'> & { isRepeat: number })[]).map((r) => ({ ...r, isRepeat: r.isRepeat === 1 }));
}

/** The full ID number and phones, for the audited reveal. */
export function personSecrets(db: Database, personId: number): { idNumber: string | null; phones: string[] } | null {
  const row = db.prepare('SELECT id_number FROM persons WHERE id = ?').get(personId) as { id_number: string | null } | undefined;
  if (!row) return null;
  const phones = (db.prepare('SELECT phone FROM person_phones WHERE person_id = ? ORDER BY rowid').all(personId) as { phone: string }[]).map((r) => r.phone);
  return { idNumber: row.id_number, phones };
}
