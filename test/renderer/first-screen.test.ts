// @vitest-environment happy-dom
/**
 * Issue #19: the first screen is the desk opened on 登记 until its search box has the keyboard. The renderer starts
 * (renderer/src/main.ts, as the built page does) against a fake core; what the search box does not need — the frame's
 * badges, the duty leader, the attachment limits, the permission matrix, 登记's lists — must not be asked before the
 * box has focus, and must be asked (and shown) right after.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { contract, type DutyDayDto, type MethodName, type SystemInfo, type WarningsDto } from '../../core/api/contract';
import { methodFacts } from '../../core/api/contract/facts';
import { installBridge, ok } from './fake-bridge';

/** What the first screen itself needs: who is signed in, what the role may do, the frame's township. */
const NEEDED: MethodName[] = ['system.capabilities', 'auth.status', 'system.info', 'townships.list'];
const DEFERRED: MethodName[] = ['matters.counts', 'stats.warnings', 'roster.today', 'attachments.limits', 'system.permissions', 'reference.lists', 'villages.list'];

const info = { version: '0.1.0', county: '青山县', township: { code: '330101001', name: '东风镇' } } as unknown as SystemInfo;
const duty = { date: '2026-12-03', weekday: 4, working: true, holiday: null, makeUp: false, kind: 'main', leader: { id: 1, name: '王强', title: '党委书记', role: 'main' }, planned: null } as unknown as DutyDayDto;

const bridge = installBridge({
  // A township desk's host lists no county.* methods (core/api/handlers/system.ts).
  'system.capabilities': () => ok(Object.fromEntries(Object.entries(methodFacts(contract)).filter(([m]) => !m.startsWith('county.')))),
  'auth.status': () => ok({ hasUsers: true, setupCodeRequired: false, me: { username: 'admin', displayName: '王管理', role: 'admin', mustChange: false, locked: false } }),
  'system.info': () => ok(info),
  'townships.list': () => ok([]),
  'matters.counts': () => ok({ overdue: 2, dueSoon: 1 }),
  'stats.warnings': () => ok({ today: '2026-12-03', total: 7, items: [] } as unknown as WarningsDto),
  'roster.today': () => ok(duty),
  'attachments.limits': () => ok({ maxFileBytes: 20 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024, maxFiles: 10 }),
  'system.permissions': () => ok({} as never),
  'reference.lists': () => ok(null as never),
  'villages.list': () => ok([]),
});

/** The methods called so far, at the moment the search box takes focus. */
let atFocus: MethodName[] | null = null;
document.addEventListener('focusin', (e) => {
  if (atFocus === null && (e.target as Element).matches('[data-testid="person-search"]')) atFocus = bridge.calls.map((c) => c.method);
}, true);

const until = async (done: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!done()) throw new Error(`timed out waiting for ${what}; called: ${bridge.calls.map((c) => c.method).join(', ')}`);
};

afterAll(() => delete window.intake);

describe('the first screen (main.ts on #/intake, signed in)', () => {
  it('focuses the search box before asking anything it does not need, then asks it and shows the badges and the duty leader', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    window.location.hash = '#/intake';
    await import('../../renderer/src/main');
    await until(() => atFocus !== null, 'the search box to take focus');

    expect(document.activeElement?.getAttribute('data-testid')).toBe('person-search');
    expect([...new Set(atFocus!)].sort()).toEqual([...NEEDED].sort());

    await until(() => DEFERRED.every((m) => bridge.calls.some((c) => c.method === m)), 'the deferred calls');
    await until(() => document.querySelector('[data-testid="stats-badge"]') !== null, 'the badges');
    expect(document.querySelector('[data-testid="stats-badge"]')!.textContent).toBe('7');
    expect(document.querySelector('[data-testid="matters-badge"]')!.textContent).toBe('2');
    expect(document.querySelector('[data-testid="duty-leader"]')!.textContent).toBe('带班领导：党委书记 王强');
    // The matter pane is drawn too, and the search box kept the keyboard meanwhile.
    await until(() => document.querySelector('[data-testid="m-purpose"]') !== null, 'the matter pane');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('person-search');
  });
});
