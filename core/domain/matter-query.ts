/**
 * The search box of the 信访事项 list: a case number (ZMQ-2026-000123, or its start), the last digits of
 * a party's ID number, or the start of a party's name — each answered from an index range.
 */
export type MatterQuery = { kind: 'caseNo'; value: string } | { kind: 'idTail'; value: string } | { kind: 'name'; value: string } | { kind: 'none' };

export function classifyMatterQuery(raw: string): MatterQuery {
  const q = raw.replace(/[\s\u3000]/g, '');
  if (/^[A-Za-z]{2,4}-\d{0,4}(-\d{0,6})?$/.test(q)) return { kind: 'caseNo', value: q.toUpperCase() };
  if (/^\d{3,17}[\dXx]$/.test(q)) return { kind: 'idTail', value: q.toUpperCase() };
  if (/^\p{Script=Han}[\p{Script=Han}·]{0,19}$/u.test(q)) return { kind: 'name', value: q };
  return { kind: 'none' };
}
