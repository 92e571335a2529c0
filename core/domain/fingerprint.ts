/**
 * How a key is named between people: a fingerprint read aloud over the phone to the county, in
 * groups of four so it can be checked group by group. Pure: the hashing happens elsewhere.
 */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** What a person typed for a fingerprint, back to bare lower-case hex (spaces, dashes, case ignored). */
export function normaliseFingerprint(typed: string): string {
  return typed.replace(/[\s:-]/g, '').toLowerCase();
}
