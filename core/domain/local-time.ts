/** The desk runs on China Standard Time (UTC+8, no daylight saving): a "day" is a Beijing day. */
const OFFSET_MS = 8 * 3600 * 1000;

export function localDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function localYear(at: Date): number {
  return Number(localDate(at).slice(0, 4));
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
