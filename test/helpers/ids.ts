import { idCheckChar } from '../../core/domain/idcard.js';

/** A valid resident ID with a Shucheng area code (341523) for a birth date and sequence. */
export function makeId(birth: string, seq: number, area = '341523'): string {
  const first17 = `${area}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
export function badCheck(id: string): string {
  const chars = '0123456789X';
  return id.slice(0, 17) + chars[(chars.indexOf(id[17]!) + 1) % chars.length];
}
