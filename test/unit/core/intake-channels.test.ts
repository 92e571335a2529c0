// Intake channels beyond the walk-in (issue 16, item 6): 来信, 来电, 上级转送 (source body and 文号),
// 领导批示件 — each registered with the same legal clocks, the 15 days running from the day received;
// the channel and source on the list; the figures' by-channel breakdown. Dates worked out by hand
// (calendar days, the start day not counted).
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Input } from '../../../core/api/contract/index.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

const TODAY = '2026-11-24';
const ok = <T>(r: { ok: true; value: T } | { ok: false; message_zh: string; code?: string }): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message_zh}`);
  return r.value;
};
type Visit = Input<'visits.register'>['visit'];
let seq = 300;
const register = (core: Core, visit: Omit<Visit, 'headcount' | 'involved'>) =>
  core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person: { name: '钱七', idNumber: makeId('1975-05-05', (seq += 2)) } }],
    visit: { headcount: 1, involved: 1, ...visit },
    matter: { purpose: '申诉求决', category: '民政', request: '低保未批' },
  });
const status = (core: Core, matterId: number) => ok(core.call(LOCAL_SESSION, 'matters.get', { matterId })).status;

describe('intake channels: the clocks', () => {
  const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });

  it.each([
    // channel, day received, the 15th day after it
    ['来信', '2026-11-10', '2026-11-25'],
    ['上级转送', '2026-11-01', '2026-11-16'],
    ['领导批示件', '2026-11-20', '2026-12-05'],
    ['来电', '2026-11-23', '2026-12-08'],
    ['传真', '2026-11-24', '2026-12-09'],
  ] as const)('%s received on %s: decide by %s; accepted today, reply within 60 days of acceptance', (channel, receivedOn, decideBy) => {
    const source = channel === '上级转送' ? { body: '舒城县信访局', number: '舒信转〔2026〕3号' } : channel === '领导批示件' ? { body: '县委书记批示', number: '' } : undefined;
    const r = ok(register(core, { channel, receivedOn, ...(source ? { source } : {}) }));
    expect(r.decisionDue).toBe(decideBy);
    expect(r.pending).toEqual({ kind: 'decide', due: decideBy });
    expect(status(core, r.matterId).registeredOn).toBe(receivedOn);
    const s = ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: r.matterId, type: 'accept', data: {} })).status;
    expect(s.handleDue).toBe('2027-01-23'); // 2026-11-24 + 60
  });

  it('without a day received, 来电 and 网上信访 run from the registration day; a walk-in always does', () => {
    for (const channel of ['来电', '网上信访', '走访'] as const) expect(ok(register(core, { channel })).decisionDue).toBe('2026-12-09');
  });

  it('a letter received late is late to decide: the 15 days ended before the desk registered it', () => {
    const r = ok(register(core, { channel: '来信', receivedOn: '2026-11-01' }));
    expect(r.decisionDue).toBe('2026-11-16');
    const got = ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: r.matterId }));
    expect(got.overdue).toBe(true);
  });

  it('refuses what a channel does not allow or lacks, at the field', () => {
    expect(register(core, { channel: '来信' })).toMatchObject({ ok: false, field: 'visit.receivedOn', message_zh: '来信请填写收到日期' });
    expect(register(core, { channel: '领导批示件', receivedOn: '2026-11-20' })).toMatchObject({ ok: false, field: 'visit.source.body', message_zh: '请填写批示领导（机关）' });
    expect(register(core, { channel: '上级转送', receivedOn: '2026-11-20', source: { body: '县信访局', number: '' } })).toMatchObject({ ok: false, field: 'visit.source.number', message_zh: '请填写转送文号' });
    expect(register(core, { channel: '来信', receivedOn: '2026-11-20', source: { body: '县信访局', number: '1' } })).toMatchObject({ ok: false, field: 'visit.source' });
    expect(register(core, { channel: '走访', receivedOn: '2026-11-20' })).toMatchObject({ ok: false, field: 'visit.receivedOn' });
    expect(register(core, { channel: '来信', receivedOn: '2026-11-25' })).toMatchObject({ ok: false, code: 'RECEIVED_AFTER_REGISTRATION', field: 'visit.receivedOn' });
    expect(register(core, { channel: '电话' as never })).toMatchObject({ ok: false, field: 'visit.channel' });
  });

  it('a repeat letter or transfer on an existing matter needs no day received and no source', () => {
    const first = ok(register(core, { channel: '走访' }));
    for (const channel of ['来信', '上级转送'] as const) {
      const again = core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { personId: first.personIds[0]! } }],
        visit: { channel, headcount: 1, involved: 1 },
        matter: { existingId: first.matterId },
      });
      expect(ok(again).repeat).toBe(true);
    }
  });
});

describe('intake channels: lists and figures', () => {
  it('shows the channel and source on the list and counts each channel in the by-channel breakdown', () => {
    const core = testCore({ township: 'ZMQ', clock: fixedClock(`${TODAY}T10:00:00+08:00`) });
    const sent = ok(register(core, { channel: '上级转送', receivedOn: '2026-11-03', source: { body: '六安市信访局', number: '六信转〔2026〕15号' } }));
    ok(register(core, { channel: '领导批示件', receivedOn: '2026-11-05', source: { body: '县长批示', number: 'PS-7' } }));
    ok(register(core, { channel: '来信', receivedOn: '2026-11-06' }));
    ok(register(core, { channel: '来信', receivedOn: '2026-11-07' }));
    ok(register(core, { channel: '来电' }));
    ok(register(core, { channel: '走访', visitedAt: '2026-11-02T09:00:00+08:00' }));
    // Received in October, registered in November: it counts in October, the month its clock started.
    ok(register(core, { channel: '来信', receivedOn: '2026-10-30' }));

    const rows = ok(core.call(LOCAL_SESSION, 'matters.list', { view: 'all' }));
    const row = rows.find((r) => r.id === sent.matterId)!;
    expect([row.channel, row.sourceBody, row.sourceNo]).toEqual(['上级转送', '六安市信访局', '六信转〔2026〕15号']);
    expect(rows.filter((r) => r.channel === '来信')).toHaveLength(3);

    const breakdown = (from: string, to: string) =>
      ok(core.call(LOCAL_SESSION, 'stats.report', { from, to })).breakdowns.find((b) => b.metric === 'reg.channel')!.rows.map((r) => [r.label, r.n]);
    // Most first, then in pinyin order (lái diàn, lǐng dǎo, shàng jí, zǒu fǎng), as the page shows them.
    expect(breakdown('2026-11-01', '2026-11-30')).toEqual([['来信', 2], ['来电', 1], ['领导批示件', 1], ['上级转送', 1], ['走访', 1]]);
    expect(breakdown('2026-10-01', '2026-10-31')).toEqual([['来信', 1]]);
    // The matters behind a breakdown row name their channel and source.
    const behind = ok(core.call(LOCAL_SESSION, 'stats.matters', { from: '2026-11-01', to: '2026-11-30', metric: 'reg.channel', key: '上级转送' }));
    expect(behind.rows.map((r) => [r.id, r.channel])).toEqual([[sent.matterId, '上级转送（六安市信访局）']]);
    core.close();
  });
});
