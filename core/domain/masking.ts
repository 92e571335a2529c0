/** Masking for lists and third-party exports: enough to recognise, not enough to misuse. */

/** 3424**********123X: first 4, last 4. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** 138****5678 for mobiles; landlines keep the area code and the last 4. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const m = /^(0\d{2,3})-(\d+)(-\d+)?$/.exec(phone);
  if (m) return `${m[1]}-${'*'.repeat(Math.max(0, m[2]!.length - 4))}${m[2]!.slice(-4)}`;
  return phone.length <= 4 ? '*'.repeat(phone.length) : '*'.repeat(phone.length - 4) + phone.slice(-4);
}
