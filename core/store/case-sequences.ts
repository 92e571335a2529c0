import type { Database } from 'better-sqlite3-multiple-ciphers';

/** The next case sequence of a township and year; the counter only grows, so numbers are never reused. */
export function nextCaseSeq(db: Database, township: string, year: number): number {
  const row = db
    .prepare(
      `INSERT INTO case_sequences (township_code, year, last) VALUES (?, ?, 1)
       ON CONFLICT (township_code, year) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .get(township, year) as { last: number };
  return row.last;
}
