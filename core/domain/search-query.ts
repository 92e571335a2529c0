/**
 * What the operator typed into the one search box, classified so the store can use the matching
 * index: full ID, digit tail (ID or phone), full mobile, pinyin initials, or a name prefix.
 */
export type SearchQuery =
  | { kind: 'idFull'; value: string }
  | { kind: 'mobile'; value: string }
  | { kind: 'tail'; value: string }
  | { kind: 'initials'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'none' };

export function classifyQuery(raw: string): SearchQuery {
  const q = raw.replace(/[\s\u3000]/g, '');
  if (/^\d{17}[\dXx]$/.test(q)) return { kind: 'idFull', value: q.toUpperCase() };
  if (/^1[3-9]\d{9}$/.test(q)) return { kind: 'mobile', value: q };
  if (/^\d{3,16}[\dXx]$/.test(q)) return { kind: 'tail', value: q.toUpperCase() };
  if (/^[a-zA-Z]{1,10}$/.test(q)) return { kind: 'initials', value: q.toLowerCase() };
  if (/^\p{Script=Han}[\p{Script=Han}·]{0,19}$/u.test(q)) return { kind: 'name', value: q };
  return { kind: 'none' };
}

export const reverse = (s: string): string => [...s].reverse().join('');

/** Exclusive upper bound for a prefix range: 'zs' → 'zt'. Lets `col >= p AND col < upper(p)` use an index. */
export function prefixUpper(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
