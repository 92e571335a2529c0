import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Input } from '../../../core/api/contract/index.js';
import { attachmentPath } from '../../../core/store/attachments.js';
import { testCore } from '../../helpers/core.js';
import { badCheck, makeId } from '../../helpers/ids.js';

type Reg = Input<'visits.register'>;
const ZHANG = makeId('1968-03-15', 123); // male (odd sequence)

const newMatter = (over: Partial<Extract<Reg['matter'], { request: string }>> = {}): Reg['matter'] => ({
  purpose: '申诉求决',
  category: '国土资源水利林业',
  tags: ['征地拆迁'],
  request: '要求兑现征地补偿款',
  ...over,
});

const register = (core: Core, input: Partial<Reg> & Pick<Reg, 'participants'>) =>
  core.call(LOCAL_SESSION, 'visits.register', { visit: { headcount: input.participants.length, involved: input.participants.length }, matter: newMatter(), ...input });

const count = (core: Core, table: string): number =>
  (core.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('registering a visit', () => {
  it('saves person, matter and visit, derives sex and birth date, and numbers the case', () => {
    const core = testCore({ township: 'ZMQ' });
    const r = register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG, phones: ['13812345678'] } }] });
    expect(r).toMatchObject({ ok: true, value: { caseNo: 'ZMQ-2026-000001', repeat: false, isGroup: false, decisionDue: '2026-12-09' } });
    const p = core.ctx.db.prepare('SELECT sex, birth_date, initials FROM persons').get();
    expect(p).toEqual({ sex: 'M', birth_date: '1968-03-15', initials: 'zs' });
    const second = register(core, { participants: [{ person: { name: '李四', noIdReason: '未带身份证' } }] });
    expect(second.ok && second.value.caseNo).toBe('ZMQ-2026-000002');
  });

  it('refuses a bad check character and saves nothing at all', () => {
    const core = testCore({ township: 'ZMQ' });
    const before = ['persons', 'matters', 'visits', 'case_sequences'].map((t) => count(core, t));
    const r = register(core, { participants: [{ person: { name: '张三', idNumber: badCheck(ZHANG) } }] });
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECK_CHAR', field: 'participants.0.person.idNumber', message_zh: '身份证号校验位不正确，请核对号码' });
    expect(['persons', 'matters', 'visits', 'case_sequences'].map((t) => count(core, t))).toEqual(before);
  });

  it('rolls back everything when a later participant fails', () => {
    const core = testCore({ township: 'ZMQ' });
    const r = register(core, {
      participants: [{ person: { name: '张三', idNumber: ZHANG } }, { person: { name: '李四', phones: ['12345'], noIdReason: '遗失' } }],
    });
    expect(r).toMatchObject({ ok: false, code: 'PHONE_INVALID', field: 'participants.1.person.phones.0' });
    expect(count(core, 'persons')).toBe(0);
  });

  it('refuses a typed sex or birth date that contradicts the ID number', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG, sex: 'F' } }] })).toMatchObject({
      ok: false,
      code: 'SEX_MISMATCH',
      field: 'participants.0.person.sex',
    });
    expect(register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG, birthDate: '1968-03-16' } }] })).toMatchObject({
      ok: false,
      code: 'BIRTH_MISMATCH',
    });
  });

  it('needs an ID number or a stated reason', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(register(core, { participants: [{ person: { name: '王五' } }] })).toMatchObject({
      ok: false,
      code: 'ID_OR_REASON',
      field: 'participants.0.person.idNumber',
      message_zh: '请填写身份证号，或说明未提供身份证的原因',
    });
  });

  it('never creates a second person for an ID number that exists', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG } }] }).ok).toBe(true);
    expect(register(core, { participants: [{ person: { name: '张叁', idNumber: ZHANG.toLowerCase() } }] })).toMatchObject({
      ok: false,
      code: 'ID_EXISTS',
    });
    expect(count(core, 'persons')).toBe(1);
  });

  it('stops on a likely duplicate without an ID until the operator confirms', () => {
    const core = testCore({ township: 'ZMQ' });
    register(core, { participants: [{ person: { name: '李四', noIdReason: '未带', phones: ['13900001111'] } }] });
    const dupes = core.call(LOCAL_SESSION, 'persons.duplicates', { name: '李四', phones: ['139 0000 1111'] });
    expect(dupes.ok && dupes.value.map((h) => h.name)).toEqual(['李四']);
    const again = { name: '李四', noIdReason: '未带', phones: ['13900001111'] };
    expect(register(core, { participants: [{ person: again }] })).toMatchObject({ ok: false, code: 'LIKELY_DUPLICATE' });
    expect(register(core, { participants: [{ person: { ...again, confirmedNotDuplicate: true } }] }).ok).toBe(true);
    expect(count(core, 'persons')).toBe(2);
  });

  it('attaches a repeat visit to the existing matter, which keeps all its visits', () => {
    const core = testCore({ township: 'ZMQ' });
    const first = register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG } }] });
    if (!first.ok) throw new Error(first.message_zh);
    const personId = first.value.personIds[0]!;
    const mine = core.call(LOCAL_SESSION, 'matters.ofPersons', { personIds: [personId] });
    expect(mine.ok && mine.value.map((m) => m.category)).toEqual(['国土资源水利林业']);
    const repeat = register(core, { participants: [{ person: { personId } }], matter: { existingId: first.value.matterId } });
    expect(repeat).toMatchObject({ ok: true, value: { repeat: true, caseNo: first.value.caseNo, matterId: first.value.matterId } });
    const after = core.call(LOCAL_SESSION, 'matters.ofPersons', { personIds: [personId] });
    expect(after.ok && after.value[0]!.visits).toBe(2);
    expect(count(core, 'matters')).toBe(1);
    expect(core.ctx.db.prepare('SELECT is_repeat FROM visits ORDER BY id').all()).toEqual([{ is_repeat: 0 }, { is_repeat: 1 }]);
  });

  it('takes a group of six with five representatives and refuses a sixth representative', () => {
    const core = testCore({ township: 'ZMQ' });
    const people = Array.from({ length: 6 }, (_, i) => ({ person: { name: `村民${'甲乙丙丁戊己'[i]}`, idNumber: makeId('1970-01-01', 11 + i * 2) } }));
    const five = people.map((p, i) => ({ ...p, representative: i < 5 }));
    const ok = core.call(LOCAL_SESSION, 'visits.register', { participants: five, visit: { headcount: 6, involved: 40 }, matter: newMatter() });
    expect(ok).toMatchObject({ ok: true, value: { isGroup: true } });
    const reps = core.ctx.db.prepare("SELECT count(*) AS n FROM visit_persons WHERE role = 'representative'").get();
    expect(reps).toEqual({ n: 5 });

    const core2 = testCore({ township: 'ZMQ' });
    const six = people.map((p) => ({ ...p, representative: true }));
    const refused = core2.call(LOCAL_SESSION, 'visits.register', { participants: six, visit: { headcount: 6, involved: 40 }, matter: newMatter() });
    expect(refused).toMatchObject({ ok: false, code: 'TOO_MANY_REPRESENTATIVES', field: 'participants.5.representative', message_zh: '集体访推选代表不得超过 5 人' });
    expect(count(core2, 'persons')).toBe(0);
  });

  it('has no representatives below five visitors and checks head counts', () => {
    const core = testCore({ township: 'ZMQ' });
    const one = [{ person: { name: '张三', idNumber: ZHANG }, representative: true }];
    expect(register(core, { participants: one })).toMatchObject({ ok: false, code: 'REPRESENTATIVES_NOT_GROUP' });
    expect(
      core.call(LOCAL_SESSION, 'visits.register', { participants: [{ person: { name: '张三', idNumber: ZHANG } }], visit: { headcount: 2, involved: 1 }, matter: newMatter() }),
    ).toMatchObject({ ok: false, code: 'INVOLVED_TOO_SMALL', field: 'visit.involved' });
  });

  it('stores attachments in the data folder under their SHA-256', () => {
    const core = testCore({ township: 'ZMQ' });
    const bytes = Buffer.from('扫描件内容');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const r = register(core, {
      participants: [{ person: { name: '张三', idNumber: ZHANG } }],
      attachments: [{ fileName: '材料.jpg', mime: 'image/jpeg', dataBase64: bytes.toString('base64') }],
    });
    expect(r.ok).toBe(true);
    expect(core.ctx.db.prepare('SELECT file_name, size, sha256 FROM attachments').get()).toEqual({ file_name: '材料.jpg', size: bytes.length, sha256: sha });
    expect(fs.readFileSync(attachmentPath(core.ctx.dataDir, sha))).toEqual(bytes);
    expect(fs.statSync(attachmentPath(core.ctx.dataDir, sha)).mode & 0o777).toBe(0o600);
    expect(path.basename(attachmentPath(core.ctx.dataDir, sha))).toBe(sha);
    const bad = register(core, { participants: [{ person: { personId: 1 } }], attachments: [{ fileName: 'x', dataBase64: '***' }] });
    expect(bad).toMatchObject({ ok: false, code: 'ATTACHMENT_INVALID', field: 'attachments.0' });
    // A name is only a label: no path, no device name.
    const odd = register(core, { participants: [{ person: { personId: 1 } }], attachments: [{ fileName: '../../../../CON', dataBase64: bytes.toString('base64') }] });
    expect(odd.ok).toBe(true);
    expect(core.ctx.db.prepare('SELECT file_name FROM attachments ORDER BY id DESC LIMIT 1').get()).toEqual({ file_name: '_CON' });
  });

  it('prints a receipt with the 15-day decision date and a check value tied to the center key', () => {
    const core = testCore({ township: 'ZMQ' });
    core.call(LOCAL_SESSION, 'system.configure', { phone: '0564-8621234' });
    const r = register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG } }] });
    if (!r.ok) throw new Error(r.message_zh);
    const receipt = core.call(LOCAL_SESSION, 'matters.receipt', { matterId: r.value.matterId });
    expect(receipt).toMatchObject({
      ok: true,
      value: { caseNo: 'ZMQ-2026-000001', centerName: '舒城县张母桥镇综治维稳信访工作中心', centerPhone: '0564-8621234', decisionDue: '2026-12-09', persons: ['张三'] },
    });
    const v = receipt.ok ? receipt.value : null;
    expect(v!.check).toMatch(/^[0-9A-F]{8}$/);
    expect(v!.qrText).toBe(`XF:ZMQ-2026-000001:${v!.check}`);
    // Another center's key gives another check value for the same case number.
    const other = testCore({ township: 'ZMQ' });
    register(other, { participants: [{ person: { name: '张三', idNumber: ZHANG } }] });
    const o = other.call(LOCAL_SESSION, 'matters.receipt', { matterId: 1 });
    expect(o.ok && o.value.caseNo).toBe(v!.caseNo);
    expect(o.ok && o.value.check).not.toBe(v!.check);
  });
});

describe('checking a new person before saving', () => {
  it('derives sex and birth date, finds the existing person by ID, and saves nothing', () => {
    const core = testCore({ township: 'ZMQ' });
    const fresh = core.call(LOCAL_SESSION, 'persons.check', { name: '张三', idNumber: ZHANG });
    expect(fresh).toMatchObject({ ok: true, value: { sex: 'M', birthDate: '1968-03-15', existing: null, duplicates: [] } });
    expect(count(core, 'persons')).toBe(0);
    register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG } }] });
    const again = core.call(LOCAL_SESSION, 'persons.check', { name: '张三', idNumber: ZHANG });
    expect(again.ok && again.value.existing?.name).toBe('张三');
    const bad = core.call(LOCAL_SESSION, 'persons.check', { name: '张三', idNumber: badCheck(ZHANG) });
    expect(bad).toMatchObject({ ok: false, code: 'ID_CHECK_CHAR', field: 'person.idNumber' });
  });
});

describe('find as you type', () => {
  function seeded(): Core {
    const core = testCore({ township: 'ZMQ' });
    register(core, { participants: [{ person: { name: '张三', idNumber: ZHANG, phones: ['13812345678'] } }] });
    register(core, { participants: [{ person: { name: '张三丰', noIdReason: '未带', phones: ['0564-8620001'] } }] });
    register(core, { participants: [{ person: { name: '王五', idNumber: makeId('1980-05-05', 246) } }] });
    return core;
  }
  const names = (core: Core, q: string) => {
    const r = core.call(LOCAL_SESSION, 'persons.search', { q });
    return r.ok ? r.value.map((h) => h.name).sort() : [r.code];
  };

  it('finds by full ID, ID tail, name prefix, pinyin initials and phone tail', () => {
    const core = seeded();
    expect(names(core, ZHANG)).toEqual(['张三']);
    expect(names(core, ZHANG.toLowerCase())).toEqual(['张三']);
    expect(names(core, ZHANG.slice(-4))).toEqual(['张三']);
    expect(names(core, ZHANG.slice(-6))).toEqual(['张三']);
    expect(names(core, '张三')).toEqual(['张三', '张三丰']);
    expect(names(core, 'zs')).toEqual(['张三', '张三丰']);
    expect(names(core, 'zsf')).toEqual(['张三丰']);
    expect(names(core, 'ZS')).toEqual(['张三', '张三丰']);
    expect(names(core, '5678')).toEqual(['张三']);
    expect(names(core, '0001')).toEqual(['张三丰']);
    expect(names(core, '13812345678')).toEqual(['张三']);
    expect(names(core, '王')).toEqual(['王五']);
    expect(names(core, 'ww')).toEqual(['王五']);
    expect(names(core, '')).toEqual([]);
    expect(names(core, '%')).toEqual([]);
  });

  it('shows masked ID and phone, last visit date and open matters', () => {
    const core = seeded();
    const r = core.call(LOCAL_SESSION, 'persons.search', { q: ZHANG });
    expect(r.ok && r.value[0]).toEqual({
      id: 1,
      name: '张三',
      sex: 'M',
      idMasked: `3415**********${ZHANG.slice(-4)}`,
      phoneMasked: '138****5678',
      village: null,
      villageId: null,
      lastVisit: '2026-11-24',
      openMatters: 1,
    });
  });
});
