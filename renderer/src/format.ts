/**
 * Dates as official documents write them (2026年3月5日), on Beijing time, without a date library.
 * Calendar dates (YYYY-MM-DD) are read as text so no time zone can shift them.
 */
// Made on first use: building it loads the locale data (≈60 ms on the bench machine), which the first screen never needs.
let dateTimeFormat: Intl.DateTimeFormat | undefined;
const dateTimeOptions: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** An instant (ISO string) as Beijing wall-clock time: 2026年3月5日 09:30. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of (dateTimeFormat ??= new Intl.DateTimeFormat('zh-CN', dateTimeOptions)).formatToParts(at)) p[part.type] = part.value;
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** A calendar date (YYYY-MM-DD) as 2026年3月5日. */
export function formatDate(date: string): string {
  // A birth known only by its year (a person without an ID) is kept as YYYY.
  if (/^\d{4}$/.test(date)) return `${date}年`;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}
