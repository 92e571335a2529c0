import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION, type Session } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { CallResult, Input } from '../../../core/api/contract/index.js';
import { fixedClock, testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';
import { visitsBetween } from '../../../core/store/receptions.js';
import { listInstructions } from '../../../core/store/instructions.js';

// Tuesday 2026-11-24, 10:00 in Beijing: a deputy's day.
const core0 = (at = '2026-11-24T10:00:00+08:00') => testCore({ township: 'ZMQ', clock: fixedClock(at) });
const ok = <T>(r: CallResult<T>): T => {
  if (!r.ok) throw new Error(`${r.code} ${r.message_zh}`);
  return r.value;
};
const RECEPTION: Session = { user: 'desk', role: 'reception' };

function leaders(core: Core): void {
  for (const l of [
    { name: '李镇长', title: '镇长', role: 'main' },
    { name: '王书记', title: '党委书记', role: 'main' },
    { name: '赵副', title: '副镇长', role: 'deputy' },
    { name: '钱副', title: '党委副书记', role: 'deputy' },
  ] as const) {
    ok(core.call(LOCAL_SESSION, 'leaders.save', l));
  }
}

let seq = 300;
function register(core: Core, at: string, over: Partial<Input<'visits.register'>> = {}) {
  return ok(
    core.call(LOCAL_SESSION, 'visits.register', {
      participants: [{ person: { name: '张三', idNumber: makeId('1970-01-01', (seq += 2)), phones: ['13812345678'] } }],
      visit: { headcount: 1, involved: 1, visitedAt: at },
      matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
      ...over,
    }),
  );
}

describe('the roster through the core', () => {
  it('shows today’s deputy, the month with holidays and make-up days, and the admin’s overrides and swaps', () => {
    const core = core0();
    leaders(core);
    const today = ok(core.call(LOCAL_SESSION, 'roster.today', {}));
    expect(today).toMatchObject({ date: '2026-11-24', kind: 'deputy', leader: { role: 'deputy' }, override: null });

    const oct = ok(core.call(LOCAL_SESSION, 'roster.month', { month: '2026-10' }));
    expect(oct).toHaveLength(31);
    expect(oct[0]).toMatchObject({ date: '2026-10-01', kind: 'holiday', holiday: '国庆节', leader: null });
    expect(oct[9]).toMatchObject({ date: '2026-10-10', makeUp: true, kind: 'deputy', leader: { role: 'deputy' } });
    expect(oct[11]).toMatchObject({ date: '2026-10-12', kind: 'main', leader: { name: '王书记' } });
    expect(oct[15]).toMatchObject({ date: '2026-10-16', kind: 'main', leader: { name: '李镇长' } });

    const wang = ok(core.call(LOCAL_SESSION, 'leaders.list', {})).find((l) => l.name === '王书记')!;
    expect(ok(core.call(LOCAL_SESSION, 'roster.set', { date: '2026-11-24', leaderId: wang.id, note: '副职外出' }))).toMatchObject({
      leader: { name: '王书记' },
      planned: { role: 'deputy' },
      override: { note: '副职外出' },
    });
    expect(ok(core.call(LOCAL_SESSION, 'roster.today', {})).leader?.name).toBe('王书记');
    ok(core.call(LOCAL_SESSION, 'roster.clear', { date: '2026-11-24' }));
    expect(ok(core.call(LOCAL_SESSION, 'roster.today', {})).leader?.role).toBe('deputy');

    const [mon, fri] = ok(core.call(LOCAL_SESSION, 'roster.swap', { a: '2026-11-23', b: '2026-11-27' }));
    expect([mon!.leader?.name, fri!.leader?.name]).toEqual(['李镇长', '王书记']);
    expect(core.call(LOCAL_SESSION, 'roster.swap', { a: '2026-11-28', b: '2026-11-29' })).toMatchObject({ ok: false, code: 'ROSTER_SWAP_EMPTY' });
  });

  it('refuses a second leader of the same name, an unknown leader, and roster edits by the desk', () => {
    const core = core0();
    leaders(core);
    expect(core.call(LOCAL_SESSION, 'leaders.save', { name: '王书记', title: '副镇长', role: 'deputy' })).toMatchObject({
      ok: false,
      code: 'LEADER_DUPLICATE',
      field: 'name',
      message_zh: '已有同名的领导',
    });
    expect(core.call(LOCAL_SESSION, 'roster.set', { date: '2026-11-24', leaderId: 99 })).toMatchObject({ ok: false, code: 'LEADER_NOT_FOUND' });
    expect(core.call(RECEPTION, 'roster.set', { date: '2026-11-24', leaderId: null })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(core.call(LOCAL_SESSION, 'roster.month', { month: '2026-13' })).toMatchObject({ ok: false, field: 'month', message_zh: '月份格式应为 YYYY-MM' });
  });
});

describe('today’s queue and the reception', () => {
  it('lists today’s walk-in visitors in arrival order with markers and minutes waiting', () => {
    const core = core0();
    leaders(core);
    register(core, '2026-11-23T15:00:00+08:00'); // yesterday: not in today's queue
    const first = register(core, '2026-11-24T09:20:00+08:00', {
      matter: { purpose: '申诉求决', category: '劳动社保', request: '养老保险待遇', levelSkips: [{ level: 'beijing' }] },
    });
    register(core, '2026-11-24T08:30:00+08:00'); // arrived first, registered second
    const group = register(core, '2026-11-24T09:40:00+08:00', {
      participants: [1, 2, 3, 4, 5].map((i) => ({ person: { name: '村民', noIdReason: '未带身份证', phones: [`1391234567${i}`], confirmedNotDuplicate: true }, representative: i <= 2 })),
      visit: { headcount: 8, involved: 40, visitedAt: '2026-11-24T09:40:00+08:00' },
    });
    register(core, '2026-11-24T09:50:00+08:00', { matter: { existingId: first.matterId } }); // 重复访
    register(core, '2026-11-24T09:55:00+08:00', { visit: { headcount: 1, involved: 1, channel: '来信', visitedAt: '2026-11-24T09:55:00+08:00', receivedOn: '2026-11-24' } }); // a letter names the day received (issue 16, item 6)

    const q = ok(core.call(LOCAL_SESSION, 'today.queue', {}));
    expect(q.date).toBe('2026-11-24');
    expect(q.duty.kind).toBe('deputy');
    expect(q.items.map((i) => [i.position, i.arrivedAt.slice(11, 16), i.minutesWaiting])).toEqual([
      [1, '00:30', 90],
      [2, '01:20', 40],
      [3, '01:40', 20],
      [4, '01:50', 10],
    ]);
    const [, skip, grp, repeat] = q.items;
    expect(skip).toMatchObject({ category: '劳动社保', levelSkips: ['进京'], isRepeat: false, isGroup: false, status: 'waiting', defaultDue: '2026-12-01' });
    expect(grp).toMatchObject({ matterId: group.matterId, isGroup: true, headcount: 8 });
    expect(grp!.persons.filter((p) => p.representative)).toHaveLength(2);
    expect(repeat).toMatchObject({ matterId: first.matterId, isRepeat: true, visitNo: 2 });
    expect(q.counts).toEqual({ waiting: 4, receiving: 0, done: 0 });
  });

  it('receives a visitor: starts with today’s duty leader, saves what was heard, finishes into the matter’s events', () => {
    const core = core0();
    leaders(core);
    const duty = ok(core.call(LOCAL_SESSION, 'roster.today', {})).leader!;
    const r = register(core, '2026-11-24T09:00:00+08:00');
    const visitId = r.visitId;
    expect(core.call(LOCAL_SESSION, 'reception.save', { visitId, heard: 'x' })).toMatchObject({ ok: false, code: 'RECEPTION_NOT_STARTED' });
    const started = ok(core.call(LOCAL_SESSION, 'reception.start', { visitId }));
    expect(started).toMatchObject({ status: 'receiving', leader: `${duty.title} ${duty.name}`, minutesWaiting: 60 });
    ok(core.call(LOCAL_SESSION, 'reception.save', { visitId, heard: '补偿款未到户', answered: '' }));
    const done = ok(core.call(LOCAL_SESSION, 'reception.save', { visitId, heard: '补偿款未到户', answered: '责成国土所一周内核实', finish: true }));
    expect(done).toMatchObject({ status: 'done', heard: '补偿款未到户', answered: '责成国土所一周内核实' });
    expect(core.call(LOCAL_SESSION, 'reception.start', { visitId })).toMatchObject({ ok: false, code: 'RECEPTION_FINISHED', message_zh: '该来访人已接待完毕' });
    const d = ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: r.matterId }));
    expect(d.stateLabel).toBe('待受理'); // a reception does not move the handling state
    expect(d.events.at(-1)).toMatchObject({ type: 'reception', label: '领导接访', data: { visitId, heard: '补偿款未到户' } });
    expect(ok(core.call(LOCAL_SESSION, 'today.queue', {})).counts).toEqual({ waiting: 0, receiving: 0, done: 1 });
  });

  it('asks for the leader on a day nobody is on duty, and keeps reception to leaders', () => {
    const core = core0('2026-11-28T10:00:00+08:00'); // Saturday
    leaders(core);
    const { visitId } = register(core, '2026-11-28T09:00:00+08:00');
    expect(core.call(LOCAL_SESSION, 'reception.start', { visitId })).toMatchObject({ ok: false, code: 'LEADER_REQUIRED', field: 'leader' });
    expect(core.call(RECEPTION, 'reception.start', { visitId, leader: '王书记' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(ok(core.call(LOCAL_SESSION, 'reception.start', { visitId, leader: '党委书记 王书记' })).leader).toBe('党委书记 王书记');
  });
});

describe('instructions (批示)', () => {
  it('records two instructions with owners and due dates, lists them by owner, follows up and completes', () => {
    const core = core0();
    leaders(core);
    const r = register(core, '2026-11-24T09:00:00+08:00');
    ok(core.call(LOCAL_SESSION, 'reception.start', { visitId: r.visitId }));
    const leader = ok(core.call(LOCAL_SESSION, 'today.queue', {})).items[0]!.leader;
    const a = ok(core.call(LOCAL_SESSION, 'instructions.add', { matterId: r.matterId, visitId: r.visitId, text: '一周内核实补偿款发放情况', responsible: '国土所' }));
    // No date named: 7 days (the setting), as the decision deadline 12-09 is later.
    expect(a).toMatchObject({ dueDate: '2026-12-01', leader, responsible: '国土所', overdue: false, daysLeft: 7, caseNo: r.caseNo, persons: '张三' });
    const b = ok(
      core.call(LOCAL_SESSION, 'instructions.add', { matterId: r.matterId, visitId: r.visitId, text: '村委会配合做好解释', responsible: '东风村 李主任', dueDate: '2026-11-30' }),
    );
    expect(b.dueDate).toBe('2026-11-30');

    expect(ok(core.call(LOCAL_SESSION, 'instructions.list', { responsible: '国土所' })).map((i) => i.id)).toEqual([a.id]);
    expect(ok(core.call(LOCAL_SESSION, 'instructions.list', {})).map((i) => i.id)).toEqual([b.id, a.id]); // by due date
    expect(ok(core.call(LOCAL_SESSION, 'instructions.responsibles', {}))).toEqual([
      { responsible: '东风村 李主任', open: 1, overdue: 0, total: 1 },
      { responsible: '国土所', open: 1, overdue: 0, total: 1 },
    ]);

    // The desk records progress and completion for the responsible unit.
    ok(core.call(RECEPTION, 'instructions.note', { instructionId: a.id, note: '已约谈村会计' }));
    const finished = ok(core.call(RECEPTION, 'instructions.done', { instructionId: a.id, note: '补偿款已发放到户' }));
    expect(finished).toMatchObject({ doneOn: '2026-11-24', doneNote: '补偿款已发放到户', followUps: [{ on: '2026-11-24', note: '已约谈村会计', actor: 'desk' }], daysLeft: null });
    expect(core.call(LOCAL_SESSION, 'instructions.done', { instructionId: a.id, note: '再次' })).toMatchObject({ ok: false, code: 'INSTRUCTION_DONE' });
    expect(ok(core.call(LOCAL_SESSION, 'instructions.list', { responsible: '国土所' }))).toEqual([]);
    expect(ok(core.call(LOCAL_SESSION, 'instructions.list', { responsible: '国土所', state: 'done' })).map((i) => i.id)).toEqual([a.id]);

    const d = ok(core.call(LOCAL_SESSION, 'matters.get', { matterId: r.matterId }));
    expect(d.events.map((e) => e.type)).toEqual(['register', 'instruction', 'instruction', 'instruction_note', 'instruction_done']);
    expect(d.stateLabel).toBe('待受理');
    expect(d.allowed).toEqual(['accept', 'reject', 'transfer']);
  });

  it('refuses a past due date, a visit of another matter, and instructions from the desk; a voided one leaves the list', () => {
    const core = core0();
    leaders(core);
    const r = register(core, '2026-11-24T09:00:00+08:00');
    const other = register(core, '2026-11-24T09:10:00+08:00');
    const base = { matterId: r.matterId, text: '核实', responsible: '国土所' };
    expect(core.call(LOCAL_SESSION, 'instructions.add', { ...base, dueDate: '2026-11-23' })).toMatchObject({ ok: false, code: 'INSTRUCTION_DUE_PAST', field: 'dueDate' });
    expect(core.call(LOCAL_SESSION, 'instructions.add', { ...base, visitId: other.visitId })).toMatchObject({ ok: false, code: 'VISIT_MATTER_MISMATCH' });
    expect(core.call(RECEPTION, 'instructions.add', base)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(core.call(LOCAL_SESSION, 'instructions.note', { instructionId: 999, note: 'x' })).toMatchObject({ ok: false, code: 'INSTRUCTION_NOT_FOUND' });
    const i = ok(core.call(LOCAL_SESSION, 'instructions.add', base));
    ok(core.call(LOCAL_SESSION, 'matters.correct', { matterId: r.matterId, eventId: i.id, void: true, reason: '录错事项' }));
    expect(ok(core.call(LOCAL_SESSION, 'instructions.list', { state: 'all' }))).toEqual([]);
  });

  it('defaults the due date to the setting, never past a pending legal deadline, and takes any typed date', () => {
    const core = core0('2027-03-01T10:00:00+08:00');
    leaders(core);
    const r = register(core, '2027-01-04T09:00:00+08:00'); // decide by 01-19: overdue now, no deadline ahead
    expect(ok(core.call(LOCAL_SESSION, 'instructions.add', { matterId: r.matterId, text: '尽快受理', responsible: '信访办' })).dueDate).toBe('2027-03-08');
    ok(core.call(LOCAL_SESSION, 'system.configure', { instructionDueDays: 30 }));
    const fresh = register(core, '2027-03-01T09:00:00+08:00'); // decide by 03-16: earlier than 30 days
    expect(ok(core.call(LOCAL_SESSION, 'instructions.add', { matterId: fresh.matterId, text: '核实', responsible: '信访办' })).dueDate).toBe('2027-03-16');
    expect(ok(core.call(LOCAL_SESSION, 'instructions.add', { matterId: r.matterId, text: '尽快受理', responsible: '信访办', dueDate: '2027-03-05' })).dueDate).toBe(
      '2027-03-05',
    );
  });
});

describe('a person’s whole history', () => {
  it('shows every visit, matter, instruction, reply and notice newest first, masked until revealed (audited)', () => {
    const core = core0();
    leaders(core);
    const idNumber = makeId('1960-05-05', 111);
    const old = ok(
      core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { name: '周大', idNumber, phones: ['13900001111'] } }],
        visit: { headcount: 1, involved: 1, visitedAt: '2026-09-01T09:00:00+08:00' },
        matter: { purpose: '申诉求决', category: '民政', request: '低保资格' },
      }),
    );
    const personId = old.personIds[0]!;
    ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: old.matterId, type: 'accept', on: '2026-09-05', data: {} }));
    ok(core.call(LOCAL_SESSION, 'matters.step', { matterId: old.matterId, type: 'reply', on: '2026-10-20', data: { facts: 'f', basis: '《社会救助暂行办法》', decision: '符合条件，纳入低保' } }));
    const now = ok(
      core.call(LOCAL_SESSION, 'visits.register', {
        participants: [{ person: { personId } }],
        visit: { headcount: 1, involved: 1, visitedAt: '2026-11-24T09:00:00+08:00' },
        matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '宅基地纠纷' },
      }),
    );
    ok(core.call(LOCAL_SESSION, 'reception.start', { visitId: now.visitId }));
    ok(core.call(LOCAL_SESSION, 'reception.save', { visitId: now.visitId, heard: '邻居占用宅基地', answered: '依法调处', finish: true }));
    ok(core.call(LOCAL_SESSION, 'instructions.add', { matterId: now.matterId, visitId: now.visitId, text: '组织调解', responsible: '司法所' }));

    const h = ok(core.call(LOCAL_SESSION, 'persons.history', { personId }));
    expect(h.person).toMatchObject({ name: '周大', idMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`, phonesMasked: ['139****1111'] });
    expect(JSON.stringify(h)).not.toContain(idNumber);
    expect(JSON.stringify(h)).not.toContain('13900001111');
    expect(h.matters.map((m) => [m.caseNo, m.stateLabel])).toEqual([
      [now.caseNo, '待受理'],
      [old.caseNo, '已答复'],
    ]);
    expect(h.items.map((i) => [i.on, i.kind, i.title])).toEqual([
      ['2026-11-24', 'instruction', '领导批示'],
      ['2026-11-24', 'matter', '登记信访事项'],
      ['2026-11-24', 'visit', '来访（走访）'],
      ['2026-10-20', 'reply', '答复（处理意见书）'],
      ['2026-09-05', 'notice', '受理 · 受理告知书'],
      ['2026-09-01', 'matter', '登记信访事项'],
      ['2026-09-01', 'visit', '来访（走访）'],
    ]);
    expect(h.items[0]).toMatchObject({ badge: '办理中', text: expect.stringContaining('组织调解（责任：司法所') });
    expect(h.items[2]!.text).toContain('听取：邻居占用宅基地；答复：依法调处');

    const before = (core.ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'persons.reveal'").get() as { n: number }).n;
    expect(ok(core.call(LOCAL_SESSION, 'persons.reveal', { personId, reason: '核实身份' }))).toEqual({ personId, idNumber, phones: ['13900001111'] });
    const audit = core.ctx.db.prepare("SELECT actor, target, outcome FROM audit_log WHERE action = 'persons.reveal' ORDER BY id DESC LIMIT 1").get();
    expect(audit).toEqual({ actor: 'local', target: `person:${personId}`, outcome: 'ok' });
    expect((core.ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'persons.reveal'").get() as { n: number }).n).toBe(before + 1);
    expect(core.call(LOCAL_SESSION, 'persons.history', { personId: 9999 })).toMatchObject({ ok: false, code: 'PERSON_NOT_FOUND' });
  });
});

describe('query plans of the hot queries', () => {
  /** Runs `fn` with db.prepare wrapped and returns EXPLAIN QUERY PLAN of every statement it ran, with its arguments. */
  function plans(core: Core, fn: () => unknown): string[] {
    const db = core.ctx.db;
    const runs: { sql: string; args: unknown[] }[] = [];
    const prepare = db.prepare;
    db.prepare = ((source: string) => {
      const stmt = prepare.call(db, source);
      for (const name of ['all', 'get', 'run'] as const) {
        const orig = (stmt[name] as (...a: unknown[]) => unknown).bind(stmt);
        (stmt as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
          runs.push({ sql: source, args });
          return orig(...args);
        };
      }
      return stmt;
    }) as typeof db.prepare;
    try {
      fn();
    } finally {
      db.prepare = prepare;
    }
    return runs.map((r) =>
      ((prepare.call(db, `EXPLAIN QUERY PLAN ${r.sql}`) as unknown as { all(...a: unknown[]): unknown[] }).all(...r.args) as { detail: string }[]).map((p) => p.detail).join(' | '),
    );
  }

  it('walks the visits_at index for the day’s queue and the responsible index for a person’s list', () => {
    const core = core0();
    leaders(core);
    const r = register(core, '2026-11-24T09:00:00+08:00');
    ok(core.call(LOCAL_SESSION, 'instructions.add', { matterId: r.matterId, text: '核实', responsible: '国土所' }));
    const [queue] = plans(core, () => visitsBetween(core.ctx.db, '2026-11-24T00:00:00.000Z', '2026-11-25T00:00:00.000Z'));
    expect(queue).toMatch(/SEARCH v USING INDEX visits_at/);
    expect(queue).not.toMatch(/SCAN (v|m|r|s)\b/);
    const [list] = plans(core, () => listInstructions(core.ctx.db, { responsible: '国土所', state: 'open', limit: 50 }));
    expect(list).toMatch(/SEARCH i USING INDEX instructions_responsible/);
  });
});
