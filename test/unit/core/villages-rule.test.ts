import { describe, expect, it } from 'vitest';
import { normaliseVillageName } from '../../../core/domain/villages.js';
import { codeOf } from '../../helpers/errors.js';


describe('village name rule', () => {
  it('keeps a clean name and strips blanks, including full-width spaces', () => {
    expect(normaliseVillageName('桃园村')).toBe('桃园村');
    expect(normaliseVillageName(' 桃\u3000园 村 ')).toBe('桃园村');
    expect(normaliseVillageName('梅河社区（一组）')).toBe('梅河社区（一组）');
  });

  it('refuses empty, overlong and markup-bearing names with field-specific codes', () => {
    expect(codeOf(() => normaliseVillageName(''))).toBe('VILLAGE_NAME_REQUIRED');
    expect(codeOf(() => normaliseVillageName('\u3000 '))).toBe('VILLAGE_NAME_REQUIRED');
    expect(codeOf(() => normaliseVillageName('村'.repeat(31)))).toBe('VILLAGE_NAME_TOO_LONG');
    expect(codeOf(() => normaliseVillageName('村'.repeat(30)))).toBeNull();
    expect(codeOf(() => normaliseVillageName('新村<script>'))).toBe('VILLAGE_NAME_INVALID');
    expect(codeOf(() => normaliseVillageName('新村;DROP'))).toBe('VILLAGE_NAME_INVALID');
  });
});
