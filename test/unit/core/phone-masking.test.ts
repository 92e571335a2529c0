import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../../core/domain/phone.js';
import { maskIdNumber, maskPhone } from '../../../core/domain/masking.js';

describe('phones', () => {
  it('accepts mobiles with or without +86 and normalises them', () => {
    expect(parsePhone('13812345678')).toEqual({ ok: true, value: '13812345678', kind: 'mobile' });
    expect(parsePhone('+86 138 1234 5678')).toEqual({ ok: true, value: '13812345678', kind: 'mobile' });
    expect(parsePhone('138-1234-5678')).toEqual({ ok: true, value: '13812345678', kind: 'mobile' });
  });

  it('accepts Lu\'an landlines with area code and extension', () => {
    expect(parsePhone('0564-8621234')).toEqual({ ok: true, value: '0564-8621234', kind: 'landline' });
    expect(parsePhone('05648621234')).toEqual({ ok: true, value: '0564-8621234', kind: 'landline' });
    expect(parsePhone('(0564)8621234转12')).toEqual({ ok: true, value: '0564-8621234-12', kind: 'landline' });
  });

  it('refuses what is neither', () => {
    for (const bad of ['12812345678', '1381234567', '138123456789', '8621234', 'abc', '', '+1 2025550123']) {
      expect(parsePhone(bad).ok, bad).toBe(false);
    }
  });
});

describe('masking', () => {
  it('shows the first 4 and last 4 of an ID number', () => {
    expect(maskIdNumber('34152319850612123X')).toBe('3415**********123X');
  });
  it('masks mobiles as 138****5678 and keeps a landline\'s area code', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0564-8621234')).toBe('0564-***1234');
    expect(maskPhone('0564-8621234-12')).toBe('0564-***1234');
  });
});
