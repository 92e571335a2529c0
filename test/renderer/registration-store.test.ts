// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestingPinia } from '@pinia/testing';
import type { CallResult, Input, MatterBrief, PersonCheck, PersonHit, ReferenceLists, RegisterResult } from '../../core/api/contract';
import { type Attachment, useRegistrationStore, type NewPersonInput } from '../../renderer/src/stores/registration';
import { useReferenceStore } from '../../renderer/src/stores/reference';
import { deferred, fail, installBridge, ok, type FakeBridge } from './fake-bridge';

const hit = (id: number, name: string, villageId: number | null = null): PersonHit => ({ id, name, sex: 'M', idMasked: null, phoneMasked: null, village: villageId ? '桃园村' : null, villageId, lastVisit: null, openMatters: 1 });
const brief = (id: number, category: string, personIds: number[]): MatterBrief => ({
  id, caseNo: `XF-${id}`, category, purpose: '申诉求决', tags: [], request: '修路', registeredAt: '2026-03-01T09:00:00+08:00', visits: 1, isGroup: false, personIds,
  state: 'registered', stateLabel: '待受理', handlingClosed: false, reviewBy: null, final: false,
});
const newcomer = (name: string): NewPersonInput => ({ name, idNumber: '', noIdReason: '未带证件', phones: [] });
const check = (name: string, villageId: number | null = null): PersonCheck => ({ name, sex: null, birthDate: null, idMasked: null, phoneMasked: null, village: villageId ? '梅河社区' : null, villageId, existing: null, duplicates: [] });
const registered: RegisterResult = { matterId: 11, caseNo: 'XF-11', visitId: 21, personIds: [1], repeat: false, isGroup: false, decisionDue: '2026-03-16', pending: { kind: 'decide', due: '2026-03-16' } };

let bridge: FakeBridge;
beforeEach(() => {
  createTestingPinia({ createSpy: vi.fn, stubActions: false });
  bridge = installBridge({
    'matters.ofPersons': ({ personIds }) => ok([brief(31, '城乡建设', [1]), brief(32, '劳动社保', [1])].filter((m) => m.personIds.some((p) => personIds.includes(p)))),
    'visits.register': () => ok(registered),
  });
});
afterEach(() => delete window.intake);

const sent = (): Input<'visits.register'> => {
  const inputs = bridge.inputsOf('visits.register');
  expect(inputs).toHaveLength(1);
  return inputs[0]!;
};


/** An attachment the shell has already staged (uploaded as a file). */
const staged = (fileName: string, stagingId: string): Attachment => ({
  key: Math.floor(Math.random() * 1e9), fileName, mime: 'application/pdf', size: 3, state: 'staged', loaded: 3, stagingId, error: null, file: null, settled: Promise.resolve(), abort: () => undefined,
});

describe('registration store: 问题发生地 from the visitors', () => {
  it('starts from the first visitor with a village, and keeps what the operator picked', async () => {
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    expect(reg.matter.placeVillageId).toBeNull();
    reg.addNew(newcomer('李四'), check('李四', 7));
    expect(reg.matter.placeVillageId).toBe(7);
    await reg.addExisting(hit(2, '王五', 9));
    expect(reg.matter.placeVillageId).toBe(7);
    reg.reset();
    reg.matter.placeVillageId = 3;
    await reg.addExisting(hit(2, '王五', 9));
    expect(reg.matter.placeVillageId).toBe(3);
  });
});

describe('registration store: the visits.register input', () => {
  it('a new matter from one known and one new visitor, nobody a representative below five', async () => {
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    reg.addNew(newcomer('李四'), check('李四'));
    reg.participants[0]!.representative = true; // ticked, but two people are not a group
    Object.assign(reg.matter, { purpose: '申诉求决', category: '城乡建设', request: '村道修缮', placeVillageId: 4, levelSkips: { 县: '2026-02-01', 市: null }, abnormalSkips: { 市: true } });
    expect(await reg.save()).toEqual(registered);
    expect(sent()).toEqual({
      participants: [
        { person: { personId: 1 }, representative: false },
        { person: { ...newcomer('李四'), confirmedNotDuplicate: true }, representative: false },
      ],
      visit: { channel: '走访', headcount: 2, involved: 2 },
      matter: {
        purpose: '申诉求决', category: '城乡建设', tags: [], request: '村道修缮', facts: '', placeVillageId: 4,
        levelSkips: [{ level: '县', visitedOn: '2026-02-01' }, { level: '市', abnormal: true }],
      },
      attachments: [],
    });
  });

  it('a matter sent down from above sends the day received, its source and the national record fields stated', async () => {
    const reg = useRegistrationStore();
    useReferenceStore().lists = { sourceChannels: { 上级转送: { body: '转送机关', no: '转送文号' } } } as unknown as ReferenceLists;
    await reg.addExisting(hit(1, '张三'));
    Object.assign(reg.matter, { purpose: '申诉求决', category: '民政', request: '低保', anonymous: true, joint: true, jointCount: 6, reportedParty: '某村委会', urgent: true, litigation: true, repeatOf: 31 });
    Object.assign(reg.visit, { channel: '上级转送', receivedOn: '2026-11-20', sourceBody: '舒城县信访局', sourceNo: '舒信转〔2026〕3号' });
    await reg.save();
    const input = sent();
    expect(input.visit).toEqual({ channel: '上级转送', headcount: 1, involved: 1, receivedOn: '2026-11-20', source: { body: '舒城县信访局', number: '舒信转〔2026〕3号' } });
    expect(input.matter).toMatchObject({ anonymous: true, jointCount: 6, reportedParty: '某村委会', urgent: true, litigation: true, repeatOf: 31 });
    // 联名 ticked without a count sends 0, which the core refuses at the box (联名人数至少为 2 人); a walk-in sends no day received.
    reg.reset();
    await reg.addExisting(hit(1, '张三'));
    Object.assign(reg.matter, { purpose: '申诉求决', category: '民政', request: '低保', joint: true });
    reg.visit.receivedOn = '2026-11-20';
    await reg.save();
    const again = bridge.inputsOf('visits.register').at(-1)!;
    expect(again.visit).toEqual({ channel: '走访', headcount: 1, involved: 1 });
    expect(again.matter).toMatchObject({ jointCount: 0 });
    expect(again.matter).not.toHaveProperty('anonymous');
  });

  it('a group of five or more sends the ticked representatives', async () => {
    const reg = useRegistrationStore();
    for (const n of ['甲', '乙', '丙', '丁', '戊']) reg.addNew(newcomer(n), check(n));
    reg.participants[1]!.representative = true;
    reg.participants[3]!.representative = true;
    reg.visit.involved = 40;
    Object.assign(reg.matter, { purpose: '申诉求决', category: '劳动社保', request: '欠薪' });
    expect(reg.isGroup).toBe(true);
    await reg.save();
    const input = sent();
    expect(input.participants.map((p) => p.representative)).toEqual([false, true, false, true, false]);
    expect(input.visit).toEqual({ channel: '走访', headcount: 5, involved: 40 });
  });

  it('a repeat visit on an existing matter sends only its id, and offers the same-category matters', async () => {
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    expect(bridge.inputsOf('matters.ofPersons')).toEqual([{ personIds: [1] }]);
    reg.matter.category = '城乡建设';
    expect(reg.sameCategory.map((m) => m.id)).toEqual([31]);
    reg.existingMatterId = 31;
    reg.matter.request = '这段文字不该发出去';
    await reg.save();
    expect(sent().matter).toEqual({ existingId: 31 });
  });

  it('removing the only visitor of that matter drops the repeat-visit choice', async () => {
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    reg.existingMatterId = 31;
    await reg.remove(reg.participants[0]!.key);
    expect(reg.existingMatterId).toBeNull();
    expect(reg.related).toEqual([]);
  });

  it('a refusal keeps what was typed and puts the message at its field path', async () => {
    installBridge({ 'visits.register': () => fail('NAME_INVALID', '姓名不正确', { field: 'participants.0.person.name' }) });
    const reg = useRegistrationStore();
    reg.addNew(newcomer('X'), check('X'));
    Object.assign(reg.matter, { purpose: '咨询', category: '其他', request: '问政策' });
    expect(await reg.save()).toBeNull();
    expect(reg.errorAt('participants.0')).toBe('姓名不正确');
    expect(reg.errorAt('matter')).toBe('');
    expect(reg.participants).toHaveLength(1);
    expect(reg.matter.request).toBe('问政策');
  });
});

describe('registration store: group, repeat and same-category rules (issue 20)', () => {
  it('five people counted, or a headcount of five typed, make a group; four do not', () => {
    const reg = useRegistrationStore();
    expect(reg.headcount).toBe(1); // nobody added yet: the one at the desk
    for (const n of ['甲', '乙', '丙', '丁']) reg.addNew(newcomer(n), check(n));
    expect([reg.headcount, reg.involved, reg.isGroup]).toEqual([4, 4, false]);
    reg.visit.headcount = 5;
    expect([reg.headcount, reg.involved, reg.isGroup]).toEqual([5, 5, true]);
    reg.visit.headcount = null;
    reg.addNew(newcomer('戊'), check('戊'));
    expect([reg.headcount, reg.isGroup]).toEqual([5, true]);
    reg.visit.involved = 12;
    expect(reg.involved).toBe(12);
  });

  it('offers only the related matters of the chosen category, and none before one is chosen', async () => {
    installBridge({
      'matters.ofPersons': () => ok([brief(31, '城乡建设', [1]), brief(32, '劳动社保', [1]), brief(33, '城乡建设', [1])]),
    });
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    expect(reg.related.map((m) => m.id)).toEqual([31, 32, 33]);
    expect(reg.sameCategory).toEqual([]);
    reg.matter.category = '城乡建设';
    expect(reg.sameCategory.map((m) => m.id)).toEqual([31, 33]);
    reg.matter.category = '劳动社保';
    expect(reg.sameCategory.map((m) => m.id)).toEqual([32]);
  });

  it('asks for the matters of every known visitor, once each; new visitors have none', async () => {
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    reg.addNew(newcomer('李四'), check('李四'));
    await reg.addExisting(hit(2, '王五'));
    await reg.addExisting(hit(1, '张三')); // already there: not added twice
    expect(reg.participants.map((p) => p.kind)).toEqual(['existing', 'new', 'existing']);
    expect(bridge.inputsOf('matters.ofPersons').at(-1)).toEqual({ personIds: [1, 2] });
    expect(new Set(reg.participants.map((p) => p.key)).size).toBe(3);
  });

  it('keeps the repeat-visit choice while that matter is still related, drops it once it is not', async () => {
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    await reg.addExisting(hit(2, '王五'));
    reg.existingMatterId = 31;
    await reg.remove(reg.participants[1]!.key); // 王五 goes; 张三's matter 31 stays related
    expect(reg.existingMatterId).toBe(31);
    expect(reg.participants.map((p) => (p.kind === 'existing' ? p.hit.id : 0))).toEqual([1]);
    installBridge({ 'matters.ofPersons': () => fail('INTERNAL', '出错了') });
    await reg.addExisting(hit(3, '赵六')); // the lookup fails: nothing to offer, no stale choice
    expect(reg.related).toEqual([]);
    expect(reg.existingMatterId).toBeNull();
  });

  it('sends the visit time only when typed, the place only when chosen, and attachments without their size', async () => {
    const reg = useRegistrationStore();
    reg.addNew(newcomer('李四'), check('李四'));
    Object.assign(reg.matter, { purpose: '咨询', category: '其他', request: '问政策', facts: '经过', tags: ['涉农'] });
    reg.visit.channel = '来信';
    reg.attachments.push(staged('a.pdf', 's-1'));
    await reg.save();
    const input = sent();
    expect(input.visit).toEqual({ channel: '来信', headcount: 1, involved: 1 });
    expect(input.matter).toEqual({ purpose: '咨询', category: '其他', tags: ['涉农'], request: '问政策', facts: '经过', levelSkips: [] });
    expect(input.attachments).toEqual([{ stagingId: 's-1' }]); // the file went ahead as a file; the call names it
    reg.reset();
    reg.visit.visitedAt = '2026-11-24T08:30:00+08:00';
    reg.addNew(newcomer('李四'), check('李四'));
    await reg.save();
    expect(bridge.inputsOf('visits.register').at(-1)!.visit).toEqual({ channel: '走访', headcount: 1, involved: 1, visitedAt: '2026-11-24T08:30:00+08:00' });
  });

  it('saves once at a time, clears old errors on success, and keeps the result', async () => {
    const answer = deferred<CallResult<RegisterResult>>();
    installBridge({ 'visits.register': () => answer.promise });
    const reg = useRegistrationStore();
    reg.errors = { _: '上次的错误' };
    reg.addNew(newcomer('李四'), check('李四'));
    const first = reg.save();
    expect(reg.saving).toBe(true);
    expect(await reg.save()).toBeNull(); // a second click while saving sends nothing
    answer.resolve(ok(registered));
    expect(await first).toEqual(registered);
    expect([reg.saving, reg.errors, reg.result]).toEqual([false, {}, registered]);
  });

  it('is dirty once anything is typed, and reset forgets everything', async () => {
    const reg = useRegistrationStore();
    expect(reg.dirty).toBe(false);
    reg.matter.facts = '经过';
    expect(reg.dirty).toBe(true);
    reg.matter.facts = '';
    reg.matter.request = '诉求';
    expect(reg.dirty).toBe(true);
    reg.matter.request = '';
    reg.attachments.push(staged('a', 's-2'));
    expect(reg.dirty).toBe(true);
    reg.attachments.length = 0;
    expect(reg.dirty).toBe(false);
    await reg.addExisting(hit(1, '张三'));
    expect(reg.dirty).toBe(true);
    Object.assign(reg.visit, { channel: '上级转送', headcount: 3, involved: 9, visitedAt: '2026-11-24T08:00:00+08:00', receivedOn: '2026-11-20', sourceBody: '县信访局', sourceNo: '3号' });
    Object.assign(reg.matter, { anonymous: true, joint: true, jointCount: 4, reportedParty: '某所', urgent: true, litigation: true, repeatOf: 31 });
    reg.existingMatterId = 31;
    reg.errors = { _: 'x' };
    reg.reset();
    expect(reg.dirty).toBe(false);
    expect([reg.participants, reg.related, reg.attachments, reg.errors, reg.existingMatterId, reg.result]).toEqual([[], [], [], {}, null, null]);
    expect(reg.visit).toEqual({ channel: '走访', visitedAt: null, headcount: null, involved: null, receivedOn: null, sourceBody: '', sourceNo: '' });
    expect(reg.matter).toEqual({
      purpose: '', category: '', tags: [], request: '', facts: '', placeVillageId: null, levelSkips: {}, abnormalSkips: {},
      anonymous: false, joint: false, jointCount: null, reportedParty: '', urgent: false, litigation: false, repeatOf: null,
    });
  });
});

describe('registration store: the vocabularies', () => {
  it('loads the reference lists through the reference store and shows them', async () => {
    const lists = { channels: ['走访'], purposes: ['咨询'], categories: ['其他'] } as unknown as ReferenceLists;
    installBridge({ 'reference.lists': () => ok(lists) });
    const reg = useRegistrationStore();
    expect(reg.lists).toBeNull();
    await reg.loadLists();
    expect(reg.lists).toEqual(lists);
  });
});

describe('registration store: related matters as visitors come and go', () => {
  it('asks the core nothing once no known visitor is left', async () => {
    const reg = useRegistrationStore();
    await reg.addExisting(hit(1, '张三'));
    reg.addNew(newcomer('李四'), check('李四'));
    await reg.remove(reg.participants[0]!.key);
    expect(bridge.inputsOf('matters.ofPersons')).toEqual([{ personIds: [1] }]);
    expect(reg.related).toEqual([]);
  });

  it('drops a repeat-visit choice that is not among the related matters', async () => {
    const reg = useRegistrationStore();
    reg.existingMatterId = 99;
    await reg.addExisting(hit(1, '张三'));
    expect(reg.related.map((m) => m.id)).toEqual([31, 32]);
    expect(reg.existingMatterId).toBeNull();
  });

  it('a known visitor of a group is not a representative until ticked', async () => {
    const reg = useRegistrationStore();
    for (const [i, n] of ['甲', '乙', '丙', '丁', '戊'].entries()) await reg.addExisting(hit(i + 1, n));
    expect(reg.isGroup).toBe(true);
    await reg.save();
    expect(sent().participants.map((p) => p.representative)).toEqual([false, false, false, false, false]);
  });
});
