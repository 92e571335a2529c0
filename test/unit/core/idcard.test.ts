import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckChar, parseIdNumber } from '../../../core/domain/idcard.js';

const TODAY = '2026-11-24';

/** Reference check character straight from the standard's formula, written independently. */
function referenceCheck(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * (2 ** (17 - i) % 11), 0);
  return ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][sum % 11]!;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const validFirst17 = fc
  .record({
    area: fc.integer({ min: 110000, max: 829999 }),
    date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, date, seq }) => {
    const ymd = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`;
    return { first17: `${area}${ymd}${pad(seq, 3)}`, date, seq };
  });

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the published example and derives birth date and sex', () => {
    const r = parseIdNumber('11010519491231002X', TODAY);
    expect(r).toEqual({ ok: true, value: { id: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'F' } });
    expect(parseIdNumber(' 11010519491231002x ', TODAY).ok).toBe(true); // typed lower-case, with blanks
  });

  it('matches the standard formula on generated numbers, and derives date and sex', () => {
    fc.assert(
      fc.property(validFirst17, ({ first17, date, seq }) => {
        expect(idCheckChar(first17)).toBe(referenceCheck(first17));
        const r = parseIdNumber(first17 + referenceCheck(first17), TODAY);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.birthDate).toBe(date.toISOString().slice(0, 10));
        expect(r.value.sex).toBe(seq % 2 === 1 ? 'M' : 'F');
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every wrong check character on generated numbers', () => {
    fc.assert(
      fc.property(validFirst17, fc.constantFrom(...'0123456789X'), ({ first17 }, ch) => {
        fc.pre(ch !== referenceCheck(first17));
        expect(parseIdNumber(first17 + ch, TODAY)).toEqual({ ok: false, problem: 'checkChar' });
      }),
      { numRuns: 2000 },
    );
  });

  it('detects any single-digit typo (the point of MOD 11-2)', () => {
    fc.assert(
      fc.property(validFirst17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ first17 }, pos, delta) => {
        const id = first17 + referenceCheck(first17);
        const typo = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(parseIdNumber(typo, TODAY).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the problem: length, characters, old 15-digit format, area, impossible or future birth date', () => {
    expect(parseIdNumber('1101051949123100', TODAY)).toEqual({ ok: false, problem: 'length' });
    expect(parseIdNumber('11010519491231002Y', TODAY)).toEqual({ ok: false, problem: 'characters' });
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({ ok: false, problem: 'oldFormat' });
    const withCheck = (s: string) => s + referenceCheck(s);
    expect(parseIdNumber(withCheck('01010519491231002'), TODAY)).toEqual({ ok: false, problem: 'area' });
    expect(parseIdNumber(withCheck('34152319490230002'), TODAY)).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseIdNumber(withCheck('34152318991231002'), TODAY)).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseIdNumber(withCheck('34152320261125002'), TODAY)).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseIdNumber(withCheck('34152320261124002'), TODAY).ok).toBe(true);
  });
});
