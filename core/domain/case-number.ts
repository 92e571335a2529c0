/** Case numbers: <township short code>-<year>-<6-digit sequence>, e.g. ZMQ-2026-000123. Never reused. */
export function formatCaseNo(township: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new RangeError(`case sequence out of range: ${seq}`);
  return `${township}-${year}-${String(seq).padStart(6, '0')}`;
}

export const CASE_NO = /^([A-Z]{2,4})-(\d{4})-(\d{6})$/;
