import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../core/store/data-dir.js';

describe('data folder', () => {
  it('prefers --data, then INTAKE_DATA', () => {
    expect(resolveDataDir({ flag: '/x/y', env: { INTAKE_DATA: '/e' } })).toBe(path.resolve('/x/y'));
    expect(resolveDataDir({ env: { INTAKE_DATA: '/e' } })).toBe(path.resolve('/e'));
  });

  it('defaults to the per-user application-data folder of each platform', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/op' })).toBe('/home/op/.config/township-intake');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', home: '/home/op' })).toBe(
      '/cfg/township-intake',
    );
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\op' })).toBe(
      'C:\\Users\\op\\AppData\\Roaming\\township-intake',
    );
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/op' })).toBe(
      '/Users/op/Library/Application Support/township-intake',
    );
  });
});
