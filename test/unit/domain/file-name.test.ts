import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../core/domain/file-name.js';

describe('safeFileName', () => {
  it.each([
    ['../../../../x', 'x'],
    ['C:\\Users\\王\\扫描件.pdf', '扫描件.pdf'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['a\u0000b\u202Ec.jpg', 'abc.jpg'],
    ['  .hidden  ', 'hidden'],
    ['', '附件'],
    ['////', '附件'],
    ['身份证正面.jpg', '身份证正面.jpg'],
  ])('%j → %j', (raw, safe) => expect(safeFileName(raw)).toBe(safe));

  it('caps the length at 100 characters and keeps the extension', () => {
    const long = `${'征'.repeat(300)}.pdf`;
    const s = safeFileName(long);
    expect([...s]).toHaveLength(100);
    expect(s.endsWith('.pdf')).toBe(true);
  });
});
