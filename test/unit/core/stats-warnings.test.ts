// Early warnings and the statistics settings, through the core.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const TODAY = '2026-11-24';
const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string }): T => {
  if (!r.ok) throw new Error(r.message_zh);
  return r.value;
};
let seq = 500;
const register = (core: Core, on: string, village: number, category = '劳动社保') =>
  ok(core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '钱七', idNumber: makeId('1966-06-06', (seq += 2)) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${on}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category, request: '诉求', placeVillageId: village },
  }));
const kinds = (core: Core) => ok(core.call(LOCAL_SESSION, 'stats.warnings', {})).items.map((w) => w.kind).sort();

async function settle(core: Core, id: string) {
  for (;;) {
    const s = ok(core.call(LOCAL_SESSION, 'jobs.status', { jobId: id }));
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('early warnings', () => {
  it('warns of a village with 5 matters in 7 days', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
    const [v1, v2] = ok(core.call(LOCAL_SESSION, 'villages.list', {}));
    // Four in V1 within the 7 days (11-18 … 11-24) and one on 11-17, outside: no cluster yet.
    for (const on of ['2026-11-17', '2026-11-19', '2026-11-20', '2026-11-22', '2026-11-24']) register(core, on, v1!.id, on === '2026-11-17' ? '民政' : '劳动社保');
    expect(kinds(core)).toEqual([]); // and none in October, so no surge: nothing to compare with
    register(core, '2026-11-23', v1!.id, '民政');
    expect(kinds(core)).toEqual(['villageCluster']); // V1: 5 within 7 days; 劳动社保 4, 民政 2
    register(core, '2026-11-21', v2!.id);
    expect(kinds(core)).toEqual(['categoryCluster', 'villageCluster']); // 劳动社保: 5 within 7 days
  });

  it('compares the month so far with the same days of the month before', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
    const [v1, v2, v3] = ok(core.call(LOCAL_SESSION, 'villages.list', {}));
    for (const on of ['2026-10-02', '2026-10-20', '2026-10-30']) register(core, on, v1!.id); // 2 by 10-24, one after
    register(core, '2026-11-02', v2!.id);
    register(core, '2026-11-10', v3!.id);
    expect(kinds(core)).toEqual([]); // 2 against 2: no rise
    register(core, '2026-11-12', v1!.id, '民政');
    expect(kinds(core)).toEqual(['surge']); // 3 against 2: +50%
  });

  it('warns of a 重点 matter with no step for 3 days and of a risk-assessed project matter', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
    const [v1] = ok(core.call(LOCAL_SESSION, 'villages.list', {}));
    const a = register(core, '2026-06-01', v1!.id);
    ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: a.matterId, type: 'accept', on: '2026-06-02', data: {} }));
    ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: a.matterId, type: 'assign', on: '2026-11-21', data: { kind: '重点', leader: '书记', group: [], plan: '包案', targetDate: '2026-12-31' } }));
    expect(ok(core.call(LOCAL_SESSION, 'stats.warnings', {})).items.filter((w) => w.kind === 'idle').map((w) => w.matterIds)).toEqual([[a.matterId]]);
    ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: a.matterId, type: 'ledger', on: '2026-11-22', data: { analysis: '分析' } }));
    expect(kinds(core)).not.toContain('idle');
    const p = ok(core.call(LOCAL_SESSION, 'projects.add', { name: '南溪河老城区改造', assessedOn: '2026-01-10' }));
    ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: a.matterId, type: 'link_project', on: TODAY, data: { projectId: p.id } }));
    expect(ok(core.call(LOCAL_SESSION, 'stats.warnings', {})).items.filter((w) => w.kind === 'project').map((w) => w.matterIds)).toEqual([[a.matterId]]);
  });
});

describe('statistics settings', () => {
  it('changes the thresholds and the 三无 conditions, and re-derives 积案 when its days change', async () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
    const [v1] = ok(core.call(LOCAL_SESSION, 'villages.list', {}));
    register(core, '2026-06-01', v1!.id);
    const oct = () => ok(core.call(LOCAL_SESSION, 'stats.report', { from: '2026-10-01', to: '2026-10-31' }));
    const open = () => oct().figures.find((f) => f.id === 'backlogOpen')!.current.num;
    expect(open()).toBe(0); // 06-01 + 181 = 11-29: not yet 积案 at the end of October
    const changed = ok(core.call(LOCAL_SESSION, 'stats.configure', { backlogDays: 90, warnings: { surgePercent: 80 }, sanwu: [{ label: '无到县越级访', level: 'county', groupOnly: false }] }));
    expect(changed.refoldJob).not.toBeNull();
    await settle(core, changed.refoldJob!.id);
    expect(open()).toBe(1);
    expect(oct().sanwu.conditions.map((c) => c.label)).toEqual(['无到县越级访']);
    expect(ok(core.call(LOCAL_SESSION, 'stats.settings', {})).warnings).toMatchObject({ surgePercent: 80, repeatDays: 7 });
    expect(core.call(LOCAL_SESSION, 'stats.configure', { backlogDays: 5 })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'backlogDays' });
  });
});
