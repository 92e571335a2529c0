import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagValue, launchTarget } from '../../../electron/launch-target.js';

// Electron puts its own arguments (the binary, the main script) before ours.
const argv = (...rest: string[]) => ['/opt/intake/intake', '/opt/intake/resources/app/main.js', ...rest];

describe('launchTarget', () => {
  it('opens a township desk on --data, with its kept secrets beside it', () => {
    expect(launchTarget(argv('--data', '/srv/desk'), {})).toEqual({ dataDir: path.resolve('/srv/desk'), keysDir: path.join(path.resolve('/srv/desk'), 'keys') });
    expect(launchTarget(argv('--data=/srv/desk'), {}).dataDir).toBe(path.resolve('/srv/desk'));
    expect(launchTarget(argv(), { INTAKE_DATA: '/srv/env-desk' }).dataDir).toBe(path.resolve('/srv/env-desk'));
    expect(launchTarget(argv(), { INTAKE_DATA: '/srv/env-desk' }).county).toBeUndefined();
  });

  it('opens the county workstation on --county, its database from --db or the environment', () => {
    expect(launchTarget(argv('--county', 'county-folder'), {})).toEqual({
      dataDir: path.resolve('county-folder'),
      keysDir: path.join(path.resolve('county-folder'), 'staff', 'keys'),
      county: {},
    });
    expect(launchTarget(argv('--county=/srv/county', '--db', 'postgres://intake@db/county'), {}).county).toEqual({ db: 'postgres://intake@db/county' });
    expect(launchTarget(argv(), { INTAKE_COUNTY: '/srv/county', INTAKE_COUNTY_DB: 'postgres://x/y' })).toMatchObject({ dataDir: path.resolve('/srv/county'), county: { db: 'postgres://x/y' } });
    // --county wins over a desk's --data: one window, one folder.
    expect(launchTarget(argv('--data', '/srv/desk', '--county', '/srv/county'), {}).dataDir).toBe(path.resolve('/srv/county'));
  });

  it('reads a flag wherever it sits, in both spellings', () => {
    expect(flagValue(['a', '--x', '1'], '--x')).toBe('1');
    expect(flagValue(['--x=2', 'b'], '--x')).toBe('2');
    expect(flagValue(['--xy=2'], '--x')).toBeUndefined();
  });
});
