/**
 * What a bench area hands back: one or more tables, each printed as a Markdown table (so the README
 * takes it as it is) and kept as data in bench/results/latest.json.
 */
export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  /** Lines printed under the table (how it was measured, why a target is missed). */
  notes?: string[];
}

export interface AreaResult {
  area: string;
  tables: Table[];
  /** Raw figures for latest.json. */
  data: Record<string, unknown>;
}

/** The row an area prints for a measurement whose feature has not landed yet. */
export const notLanded = (issue: number): string => `n/a (issue ${issue} not landed)`;

export function markdown(t: Table): string {
  const widths = t.columns.map((c, i) => Math.max([...c].length, ...t.rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - [...c].length))).join(' | ')} |`;
  const out = [`**${t.title}**`, '', line(t.columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...t.rows.map(line)];
  if (t.notes?.length) out.push('', ...t.notes.map((n) => `- ${n}`));
  return out.join('\n');
}
