// What the registration form shows as it is filled (issue 14, item 4): the ID read as it is typed, a
// birth year for a person without an ID, hits ordered by latest visit, the participant row's phone
// and village.
import { describe, expect, it } from 'vitest';
import { LOCAL_SESSION } from '../../../core/kernel/session.js';
import type { Core } from '../../../core/app.js';
import type { Input } from '../../../core/api/contract/index.js';
import { readIdNumber } from '../../../core/domain/idcard.js';
import { testCore } from '../../helpers/core.js';
import { badCheck, makeId } from '../../helpers/ids.js';

type Reg = Input<'visits.register'>;
const ZHANG = makeId('1968-03-15', 123); // male
const LI = makeId('1975-10-02', 124); // female

const register = (core: Core, person: Reg['participants'][number]['person'], visitedAt?: string) =>
  core.call(LOCAL_SESSION, 'visits.register', {
    participants: [{ person }],
    visit: { headcount: 1, involved: 1, ...(visitedAt ? { visitedAt } : {}) },
    matter: { purpose: '申诉求决', category: '民政', request: '要求解决低保' },
  });

describe('the ID read as it is typed', () => {
  const today = '2026-11-24';
  it('says the birth date at 14 characters, the sex at 17, and checks all at 18', () => {
    expect(readIdNumber(ZHANG.slice(0, 10), today)).toEqual({ birthDate: null, sex: null, complete: false, problem: null });
    expect(readIdNumber(ZHANG.slice(0, 14), today)).toEqual({ birthDate: '1968-03-15', sex: null, complete: false, problem: null });
    expect(readIdNumber(ZHANG.slice(0, 17), today)).toEqual({ birthDate: '1968-03-15', sex: 'M', complete: false, problem: null });
    expect(readIdNumber(LI.slice(0, 17), today).sex).toBe('F');
    expect(readIdNumber(ZHANG, today)).toEqual({ birthDate: '1968-03-15', sex: 'M', complete: true, problem: null });
    expect(readIdNumber(badCheck(ZHANG), today)).toMatchObject({ complete: true, problem: 'checkChar', birthDate: null });
    expect(readIdNumber('34152319681345', today).problem).toBe('birthDate');
    expect(readIdNumber('3415231968a', today).problem).toBe('characters');
  });

  it('answers through persons.readId with the catalogue message', () => {
    const core = testCore({ township: 'ZMQ' });
    expect(core.call(LOCAL_SESSION, 'persons.readId', { idNumber: ZHANG.slice(0, 17) })).toEqual({
      ok: true,
      value: { birthDate: '1968-03-15', sex: 'M', complete: false, message: null },
    });
    expect(core.call(LOCAL_SESSION, 'persons.readId', { idNumber: badCheck(ZHANG) })).toMatchObject({
      ok: true,
      value: { complete: true, message: '身份证号校验位不正确，请核对号码' },
    });
  });
});

describe('a person without an ID', () => {
  it('keeps the birth year they give, refuses one in the future, and one contradicting an ID', () => {
    const core = testCore({ township: 'ZMQ' });
    const r = core.call(LOCAL_SESSION, 'persons.check', { name: '李四', noIdReason: '未带身份证', birthYear: 1958 });
    expect(r).toMatchObject({ ok: true, value: { birthDate: '1958' } });
    expect(register(core, { name: '李四', noIdReason: '未带身份证', birthYear: 1958 }).ok).toBe(true);
    expect(core.ctx.db.prepare("SELECT birth_date FROM persons WHERE name = '李四'").get()).toEqual({ birth_date: '1958' });
    expect(core.call(LOCAL_SESSION, 'persons.check', { name: '李四', noIdReason: '未带', birthYear: 2099 })).toMatchObject({
      ok: false,
      code: 'BIRTH_YEAR_INVALID',
      field: 'person.birthYear',
    });
    expect(core.call(LOCAL_SESSION, 'persons.check', { name: '张三', idNumber: ZHANG, birthYear: 1970 })).toMatchObject({ ok: false, code: 'BIRTH_MISMATCH' });
  });
});

describe('the participant row and the hit list', () => {
  it('a new person reads back with the masked phone and the village', () => {
    const core = testCore({ township: 'ZMQ' });
    const v = core.call(LOCAL_SESSION, 'villages.add', { name: '桃园村' });
    if (!v.ok) throw new Error(v.code);
    const r = core.call(LOCAL_SESSION, 'persons.check', { name: '张三', idNumber: ZHANG, phones: ['13812345678'], villageId: v.value.id });
    expect(r).toMatchObject({ ok: true, value: { phoneMasked: '138****5678', village: '桃园村', villageId: v.value.id, sex: 'M', birthDate: '1968-03-15' } });
    register(core, { name: '张三', idNumber: ZHANG, villageId: v.value.id });
    const hit = core.call(LOCAL_SESSION, 'persons.search', { q: 'zs' });
    expect(hit.ok && hit.value[0]).toMatchObject({ village: '桃园村', villageId: v.value.id });
  });

  it('orders hits by the latest visit, those who never came last, and honours the limit', () => {
    const core = testCore({ township: 'ZMQ' });
    // Registered in name order 张一 … 张五; visits on different days, 张三 the latest.
    const days = { 张一: '2026-01-05', 张二: '2026-03-01', 张三: '2026-11-20', 张四: '2025-12-31', 张五: '2026-06-15' } as const;
    let seq = 1;
    for (const [name, day] of Object.entries(days)) register(core, { name, idNumber: makeId('1970-01-01', seq++ * 2 + 1) }, `${day}T09:00:00+08:00`);
    const names = (limit: number) => {
      const r = core.call(LOCAL_SESSION, 'persons.search', { q: '张', limit });
      return r.ok ? r.value.map((h) => h.name) : [r.code];
    };
    expect(names(12)).toEqual(['张三', '张五', '张二', '张一', '张四']);
    expect(names(2)).toEqual(['张三', '张五']);
  });

  it('a digit tail found by ID number and by phone: each person once, the latest visit first across both', () => {
    const core = testCore({ township: 'ZMQ' });
    let seq = 201;
    while (!/^\d{4}$/.test(makeId('1970-01-01', seq).slice(-4))) seq += 2;
    const id = makeId('1970-01-01', seq);
    const tail = id.slice(-4);
    // 王一 is found by both branches (own ID and own phone), 王二 by a phone only, 王三 not at all.
    register(core, { name: '王一', idNumber: id, phones: [`1381234${tail}`] }, '2026-01-05T09:00:00+08:00');
    register(core, { name: '王二', idNumber: makeId('1971-01-01', 301), phones: [`1391234${tail}`] }, '2026-06-01T09:00:00+08:00');
    register(core, { name: '王三', idNumber: makeId('1972-01-01', 303), phones: ['13700000000'] }, '2026-11-01T09:00:00+08:00');
    const r = core.call(LOCAL_SESSION, 'persons.search', { q: tail });
    expect(r.ok && r.value.map((h) => h.name)).toEqual(['王二', '王一']);
    const one = core.call(LOCAL_SESSION, 'persons.search', { q: tail, limit: 1 });
    expect(one.ok && one.value.map((h) => h.name)).toEqual(['王二']);
  });
});
