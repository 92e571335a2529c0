// Browser mode: the first admin needs the one-time code printed on the console of the started process.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../core/app.js';
import { createLogger } from '../../../core/kernel/log.js';
import { tempDir } from '../../helpers/core.js';

const admin = { username: 'zhangadmin', displayName: '张管理', password: 'Center-Keeper-7' };

describe('first-admin setup code', () => {
  it('refuses the first admin without the code or with a wrong one, then accepts it typed loosely', () => {
    const core = openCore({ dataDir: tempDir(), log: createLogger(null, 'silent'), setupCode: 'K7PQ-M2XW' });
    expect(core.callAs(null, 'auth.status', {})).toMatchObject({ ok: true, value: { hasUsers: false, setupCodeRequired: true } });
    expect(core.callAs(null, 'auth.setup', admin)).toMatchObject({ ok: false, code: 'SETUP_CODE_WRONG', field: 'setupCode' });
    expect(core.callAs(null, 'auth.setup', { ...admin, setupCode: 'K7PQ-M2XX' })).toMatchObject({ ok: false, code: 'SETUP_CODE_WRONG' });
    expect(core.callAs(null, 'auth.status', {})).toMatchObject({ ok: true, value: { hasUsers: false } });
    expect(core.callAs(null, 'auth.setup', { ...admin, setupCode: ' k7pqm2xw ' })).toMatchObject({ ok: true, value: { me: { role: 'admin' } } });
    expect(core.callAs(null, 'auth.status', {})).toMatchObject({ ok: true, value: { hasUsers: true, setupCodeRequired: false } });
  });

  it('needs no code where none was printed (the desktop app, the command line)', () => {
    const core = openCore({ dataDir: tempDir(), log: createLogger(null, 'silent') });
    expect(core.callAs(null, 'auth.status', {})).toMatchObject({ ok: true, value: { setupCodeRequired: false } });
    expect(core.callAs(null, 'auth.setup', admin).ok).toBe(true);
  });
});
