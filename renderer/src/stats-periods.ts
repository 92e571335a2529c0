/**
 * The calendar periods the 统计研判 picker offers, as the from–to dates the core takes (the core reads
 * them back as a month, quarter, half-year or year: core/domain/periods.ts).
 */
export type PickKind = 'month' | 'quarter' | 'half' | 'year' | 'range';

export const PICK_KINDS: { key: PickKind; label: string; doc: string }[] = [
  { key: 'month', label: '月', doc: '月通报' },
  { key: 'quarter', label: '季', doc: '季讲评' },
  { key: 'half', label: '半年', doc: '半年小结' },
  { key: 'year', label: '年', doc: '年终汇总' },
  { key: 'range', label: '自定义', doc: '统计报告' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Months m..m+n-1 of year y as from–to. */
export function monthsRange(y: number, m: number, n: number): { from: string; to: string } {
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m + n - 1)}-${pad(lastDay(y, m + n - 1))}` };
}

/** Beijing today, YYYY-MM-DD. */
export const beijingToday = (now = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

/** The month before today's: what the monthly meeting looks at. */
export function lastMonth(today: string): string {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

export interface Pick {
  kind: PickKind;
  /** 'YYYY-MM' for a month; 'YYYY' otherwise. */
  month: string;
  year: string;
  /** Quarter 1–4 or half 1–2. */
  part: number;
  range: [string, string];
}

export function rangeOf(p: Pick): { from: string; to: string } {
  const y = Number(p.year);
  switch (p.kind) {
    case 'month':
      return monthsRange(Number(p.month.slice(0, 4)), Number(p.month.slice(5, 7)), 1);
    case 'quarter':
      return monthsRange(y, (p.part - 1) * 3 + 1, 3);
    case 'half':
      return monthsRange(y, p.part === 1 ? 1 : 7, 6);
    case 'year':
      return monthsRange(y, 1, 12);
    default:
      return { from: p.range[0], to: p.range[1] };
  }
}

/** A figure's value as the page and the report print it. */
export function showValue(kind: string, v: { num: number; den: number | null; value: number | null }): string {
  if (kind === 'count') return String(v.num);
  if (v.value === null) return '—';
  return kind === 'ratio' ? `${(v.value * 100).toFixed(1)}%` : `${v.value.toFixed(1)} 天`;
}

/** The change against another period: percentage points for rates, a difference for counts. */
export function showChange(kind: string, a: { value: number | null }, b: { value: number | null }): { text: string; sign: number } {
  if (a.value === null || b.value === null) return { text: '—', sign: 0 };
  const d = a.value - b.value;
  const sign = Math.sign(Math.round(d * 1000));
  if (kind === 'ratio') return { text: `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)} 个百分点`, sign };
  if (kind === 'average') return { text: `${d >= 0 ? '+' : ''}${d.toFixed(1)} 天`, sign };
  const pct = b.value === 0 ? '' : `（${d >= 0 ? '+' : ''}${((d / b.value) * 100).toFixed(0)}%）`;
  return { text: `${d >= 0 ? '+' : ''}${d}${pct}`, sign };
}
