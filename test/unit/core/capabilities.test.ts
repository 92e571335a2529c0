// system.capabilities: the contract's roles, labels and text limits as the renderer reads them, so the
// renderer keeps no copy (issue 14, items 3 and 7).
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../../core/api/contract/index.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { textLimits } from '../../../core/api/contract/facts.js';
import { ANONYMOUS } from '../../../core/kernel/session.js';
import { testCore } from '../../helpers/core.js';
import { z } from 'zod';

describe('system.capabilities', () => {
  it('answers before sign-in with every method, its roles and label exactly as the contract declares them', () => {
    const core = testCore({ township: 'ZMQ' });
    const r = core.call(ANONYMOUS, 'system.capabilities', {});
    if (!r.ok) throw new Error(r.code);
    // A desk offers everything but the county workstation's methods (which it answers with COUNTY_ONLY).
    const desk = METHOD_NAMES.filter((m) => !m.startsWith('county.'));
    expect(Object.keys(r.value).sort()).toEqual([...desk].sort());
    expect(desk.length).toBeLessThan(METHOD_NAMES.length);
    expect(core.call(LOCAL_SESSION, 'county.standing', { from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ ok: false, code: 'COUNTY_ONLY' });
    for (const m of desk) {
      expect(r.value[m]!.roles, m).toEqual([...contract[m].roles]);
      expect(r.value[m]!.label).toBe(contract[m].label);
      expect(r.value[m]!.kind).toBe(contract[m].kind);
    }
    expect(r.value['users.list']!.roles).toEqual(['admin']);
    expect(r.value['reception.start']!.roles).toEqual(['leader', 'admin']);
  });

  it('names the text limits of each field by its dotted path, as zod checks them', () => {
    const core = testCore({ township: 'ZMQ' });
    const r = core.call(ANONYMOUS, 'system.capabilities', {});
    if (!r.ok) throw new Error(r.code);
    expect(r.value['visits.register']!.limits).toMatchObject({
      'matter.request': 2000,
      'matter.facts': 10000,
      'participants.person.name': 20,
      'participants.person.address': 100,
    });
    expect(r.value['matters.step']!.limits).toMatchObject({ reason: 2000, 'data.unit': 100, 'data.facts': 5000, 'data.group': 20 });
    expect(r.value['reception.save']!.limits).toMatchObject({ heard: 5000, answered: 5000 });
    expect(r.value['auth.setup']!.limits).toMatchObject({ displayName: 20 });
  });

  it('walks wrappers, arrays and unions; a union keeps the smaller limit', () => {
    const s = z.object({
      a: z.string().max(5).optional(),
      b: z.array(z.object({ c: z.string().trim().max(7).default('') })),
      d: z.union([z.object({ e: z.string().max(9) }), z.object({ e: z.string().max(3) })]),
      f: z.string(),
    });
    expect(textLimits(s)).toEqual({ a: 5, 'b.c': 7, 'd.e': 3 });
  });
});
