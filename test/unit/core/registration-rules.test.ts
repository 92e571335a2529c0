/**
 * The registration transaction's rules at their edges (issue 20: mutation testing): head counts and the
 * group threshold, representatives, repeat visits (no second registration event, a group mark on the
 * existing matter), the place of the matter, the visit time, case numbers, and attachments.
 */
import { writeSetting } from '../../../core/store/settings.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../core/app.js';
import type { Input } from '../../../core/api/contract/index.js';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import { testCore } from '../../helpers/core.js';
import { makeId } from '../../helpers/ids.js';

type Reg = Input<'visits.register'>;
const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const desk = (): Core => {
  const c = testCore({ township: 'ZMQ' });
  open.push(c);
  return c;
};
let seq = 401;
const person = (name = '村民') => ({ person: { name, idNumber: makeId('1975-05-05', (seq += 2)) } });
const matter: Extract<Reg['matter'], { request: string }> = { purpose: '申诉求决', category: '农村农业', tags: [], request: '土地承包纠纷', levelSkips: [] };
const call = (core: Core, input: Partial<Reg>) =>
  core.call(LOCAL_SESSION, 'visits.register', { participants: [person()], visit: { headcount: 1, involved: 1 }, matter, attachments: [], ...input });
const rows = (core: Core, sql: string, ...args: unknown[]) => core.ctx.db.prepare(sql).all(...args);

describe('head counts and groups', () => {
  it('the head count may equal the people named, not be smaller; the people involved likewise', () => {
    const core = desk();
    expect(call(core, { participants: [person(), person()], visit: { headcount: 2, involved: 2 } }).ok).toBe(true);
    expect(call(core, { participants: [person(), person()], visit: { headcount: 1, involved: 2 } })).toMatchObject({ ok: false, code: 'HEADCOUNT_TOO_SMALL', field: 'visit.headcount' });
    expect(call(core, { participants: [person()], visit: { headcount: 3, involved: 2 } })).toMatchObject({ ok: false, code: 'INVOLVED_TOO_SMALL', field: 'visit.involved' });
  });

  it('five counted heads make a group, even with fewer named; four do not', () => {
    const core = desk();
    const five = call(core, { participants: [{ ...person(), representative: true }, person()], visit: { headcount: 5, involved: 5 } });
    expect(five).toMatchObject({ ok: true, value: { isGroup: true } });
    const id = five.ok ? five.value.matterId : 0;
    expect(rows(core, 'SELECT is_group FROM matters WHERE id = ?', id)).toEqual([{ is_group: 1 }]);
    expect(rows(core, "SELECT role FROM visit_persons WHERE visit_id = ? ORDER BY person_id", five.ok ? five.value.visitId : 0)).toEqual([{ role: 'representative' }, { role: 'visitor' }]);
    const four = call(core, { participants: [person(), person()], visit: { headcount: 4, involved: 9 } });
    expect(four).toMatchObject({ ok: true, value: { isGroup: false } });
    expect(rows(core, 'SELECT is_group FROM matters WHERE id = ?', four.ok ? four.value.matterId : 0)).toEqual([{ is_group: 0 }]);
    expect(call(core, { participants: [person(), { ...person(), representative: true }], visit: { headcount: 4, involved: 9 } })).toMatchObject({
      ok: false,
      code: 'REPRESENTATIVES_NOT_GROUP',
      field: 'participants.1.representative',
    });
  });

  it('a group visit on an existing matter marks it a group matter; a single visit does not unmark it', () => {
    const core = desk();
    const first = call(core, {});
    if (!first.ok) throw new Error(first.code);
    const id = first.value.matterId;
    expect(rows(core, 'SELECT is_group FROM matters WHERE id = ?', id)).toEqual([{ is_group: 0 }]);
    const again = call(core, { participants: [{ person: { personId: first.value.personIds[0]! } }], visit: { headcount: 6, involved: 6 }, matter: { existingId: id } });
    expect(again).toMatchObject({ ok: true, value: { repeat: true, isGroup: true, matterId: id, caseNo: first.value.caseNo } });
    expect(rows(core, 'SELECT is_group FROM matters WHERE id = ?', id)).toEqual([{ is_group: 1 }]);
    call(core, { participants: [{ person: { personId: first.value.personIds[0]! } }], matter: { existingId: id } });
    expect(rows(core, 'SELECT is_group FROM matters WHERE id = ?', id)).toEqual([{ is_group: 1 }]);
  });
});

describe('repeat visits', () => {
  it('add a visit, not a second registration: the matter keeps its date and its one register event', () => {
    const core = desk();
    const first = call(core, { visit: { headcount: 1, involved: 1, visitedAt: '2026-11-20T10:00:00+08:00' } });
    if (!first.ok) throw new Error(first.code);
    const id = first.value.matterId;
    const again = call(core, { participants: [{ person: { personId: first.value.personIds[0]! } }], matter: { existingId: id } });
    expect(again).toMatchObject({ ok: true, value: { repeat: true, decisionDue: first.value.decisionDue } });
    expect(rows(core, 'SELECT type, occurred_on FROM matter_events WHERE matter_id = ?', id)).toEqual([{ type: 'register', occurred_on: '2026-11-20' }]);
    expect(rows(core, 'SELECT is_repeat FROM visits WHERE matter_id = ? ORDER BY id', id)).toEqual([{ is_repeat: 0 }, { is_repeat: 1 }]);
  });

  it('on a matter that does not exist are refused at the field', () => {
    expect(call(desk(), { matter: { existingId: 999 } })).toMatchObject({ ok: false, code: 'MATTER_NOT_FOUND', field: 'matter.existingId' });
  });
});

describe('a new matter', () => {
  it('is registered at the visit time when one is given, and numbered in that year', () => {
    const core = desk();
    const r = call(core, { visit: { headcount: 1, involved: 1, visitedAt: '2025-12-31T23:30:00+08:00' } });
    expect(r).toMatchObject({ ok: true, value: { caseNo: 'ZMQ-2025-000001', decisionDue: '2026-01-15', repeat: false, isGroup: false, pending: { kind: 'decide', due: '2026-01-15' } } });
    const m = rows(core, 'SELECT registered_at FROM matters')[0] as { registered_at: string };
    expect(new Date(m.registered_at).toISOString()).toBe('2025-12-31T15:30:00.000Z');
    expect(call(core, {})).toMatchObject({ ok: true, value: { caseNo: 'ZMQ-2026-000001', decisionDue: '2026-12-09' } });
  });

  it('takes its place from the village named, or the center’s township; an unknown village is refused', () => {
    const core = desk();
    const v = core.call(LOCAL_SESSION, 'villages.add', { township: 'CG', name: '城关村' });
    if (!v.ok) throw new Error(v.code);
    const there = call(core, { matter: { ...matter, placeVillageId: v.value.id } });
    expect(there.ok).toBe(true);
    const here = call(core, {});
    const place = (r: typeof here) => rows(core, 'SELECT place_township, place_village_id FROM matters WHERE id = ?', r.ok ? r.value.matterId : 0)[0];
    expect(place(there)).toEqual({ place_township: 'CG', place_village_id: v.value.id });
    expect(place(here)).toEqual({ place_township: 'ZMQ', place_village_id: null });
    expect(call(core, { matter: { ...matter, placeVillageId: 9999 } })).toMatchObject({ ok: false, code: 'VILLAGE_UNKNOWN', field: 'matter.placeVillageId' });
  });

  it('stops when the year’s case numbers are used up', () => {
    const core = desk();
    expect(call(core, {}).ok).toBe(true);
    core.ctx.db.prepare('UPDATE case_sequences SET last = 999998').run();
    const last = call(core, {});
    expect(last.ok && last.value.caseNo).toBe('ZMQ-2026-999999');
    expect(call(core, {})).toMatchObject({ ok: false, code: 'CASE_NUMBERS_EXHAUSTED' });
  });
});

describe('attachments', () => {
  it('refuses what is not base64 and names which one', () => {
    const core = desk();
    const ok = { fileName: 'a.pdf', mime: 'application/pdf', dataBase64: 'YWJj' };
    for (const bad of ['YW Jj', 'YWJj===', '***', 'YWJj\n']) {
      expect(call(core, { attachments: [ok, { ...ok, dataBase64: bad }] }), bad).toMatchObject({ ok: false, code: 'ATTACHMENT_INVALID', field: 'attachments.1' });
    }
    expect(call(core, { attachments: [ok, { ...ok, dataBase64: 'YQ==' }, { ...ok, dataBase64: '' }] }).ok).toBe(true);
  });

  it('inline (the command line, tests): takes what 12 MiB of base64 holds and refuses a byte more; the per-file setting applies too', () => {
    const core = desk();
    const at = (n: number) => ({ fileName: 'scan.tif', mime: 'image/tiff', dataBase64: Buffer.alloc(n, 1).toString('base64') });
    const inlineMax = (12 * 1024 * 1024 * 3) / 4; // 9 MiB of bytes in 12 MiB of base64
    expect(call(core, { attachments: [at(inlineMax + 1)] })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'attachments.0.dataBase64' });
    const r = call(core, { attachments: [at(inlineMax)] });
    expect(r.ok).toBe(true);
    expect(rows(core, 'SELECT size, visit_id FROM attachments')).toEqual([{ size: inlineMax, visit_id: r.ok ? r.value.visitId : 0 }]);
    writeSetting(core.ctx.db, 'attachmentMaxFileMb', 1);
    expect(call(core, { attachments: [at(1024 * 1024 + 1)] })).toMatchObject({ ok: false, code: 'ATTACHMENT_TOO_LARGE' });
    expect(call(core, { attachments: [at(1024 * 1024)] }).ok).toBe(true);
  });
});

describe('what a refused registration says', () => {
  it('names the field inside the new matter or new person, not "无效输入" at the union', () => {
    const core = desk();
    expect(call(core, { matter: { ...matter, request: '诉'.repeat(2001) } })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'matter.request', message_zh: '诉求不能超过 2000 字' });
    expect(call(core, { matter: { ...matter, levelSkips: [{ level: 'beijing', abnormal: 'yes' as never }] } })).toMatchObject({ field: 'matter.levelSkips.0.abnormal', message_zh: '“非正常上访”应为是或否' });
    const r = call(core, { participants: [{ person: { name: '', idNumber: makeId('1975-05-05', 3) } }] });
    expect(r).toMatchObject({ ok: false, field: 'participants.0.person.name' });
    expect(r.ok ? '' : r.message_zh).not.toBe('无效输入');
    expect(rows(core, 'SELECT id FROM matters')).toEqual([]);
  });
});

describe('who the visitors are', () => {
  const count = (core: Core) => rows(core, 'SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM matters) AS matters')[0];

  it('a person chosen by number must exist, and may be named once per visit', () => {
    const core = desk();
    expect(call(core, { participants: [{ person: { personId: 999 } }] })).toMatchObject({ ok: false, code: 'PERSON_NOT_FOUND', field: 'participants.0.person' });
    const first = call(core, {});
    if (!first.ok) throw new Error(first.code);
    const personId = first.value.personIds[0]!;
    const before = count(core);
    expect(call(core, { participants: [{ person: { personId } }, { person: { personId } }], visit: { headcount: 2, involved: 2 } })).toMatchObject({
      ok: false,
      code: 'PERSON_TWICE',
      field: 'participants.1.person',
    });
    expect(count(core)).toEqual(before);
  });

  it('a new person whose ID number is registered already is refused at the ID number: the form opens that person instead', () => {
    const core = desk();
    const idNumber = makeId('1980-02-02', 17);
    expect(call(core, { participants: [{ person: { name: '李四', idNumber } }] }).ok).toBe(true);
    const before = count(core);
    expect(call(core, { participants: [{ person: { name: '李四', idNumber } }] })).toMatchObject({ ok: false, code: 'ID_EXISTS', field: 'participants.0.person.idNumber' });
    expect(count(core)).toEqual(before);
  });

  it('a new person without ID number who has the name and phone of a known one is asked about, at the name, until confirmed', () => {
    const core = desk();
    expect(call(core, { participants: [{ person: { name: '王五', phones: ['13912345678'], noIdReason: '未带身份证' } }] }).ok).toBe(true);
    const before = count(core);
    expect(call(core, { participants: [{ person: { name: '王五', phones: ['13912345678'], noIdReason: '未带身份证' } }] })).toMatchObject({
      ok: false,
      code: 'LIKELY_DUPLICATE',
      field: 'participants.0.person.name',
    });
    expect(count(core)).toEqual(before);
    expect(call(core, { participants: [{ person: { name: '王五', phones: ['13912345678'], noIdReason: '未带身份证', confirmedNotDuplicate: true } }] }).ok).toBe(true);
  });

  it('a center with no township set is told so at the matter, and keeps nothing', () => {
    const core = testCore();
    open.push(core);
    expect(call(core, {})).toMatchObject({ ok: false, code: 'TOWNSHIP_NOT_SET', field: 'matter' });
    expect(count(core)).toEqual({ persons: 0, matters: 0 });
  });
});

describe('what a registration records', () => {
  it('a single repeat visit leaves a single matter single', () => {
    const core = desk();
    const first = call(core, {});
    if (!first.ok) throw new Error(first.code);
    const id = first.value.matterId;
    expect(call(core, { participants: [{ person: { personId: first.value.personIds[0]! } }], matter: { existingId: id } })).toMatchObject({ ok: true, value: { isGroup: false } });
    expect(rows(core, 'SELECT is_group FROM matters WHERE id = ?', id)).toEqual([{ is_group: 0 }]);
  });

  it('a visit in person names no source document, and its register event gives no reason', () => {
    const core = desk();
    const r = call(core, {});
    if (!r.ok) throw new Error(r.code);
    expect(rows(core, 'SELECT source_body, source_no FROM matters WHERE id = ?', r.value.matterId)).toEqual([{ source_body: '', source_no: '' }]);
    expect(rows(core, 'SELECT type, reason FROM matter_events WHERE matter_id = ?', r.value.matterId)).toEqual([{ type: 'register', reason: '' }]);
  });
});
