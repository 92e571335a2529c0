// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestingPinia } from '@pinia/testing';
import type { Input, MatterBrief, PersonCheck, PersonHit, RegisterResult } from '../../core/api/contract';
import { useRegistrationStore, type NewPersonInput } from '../../renderer/src/stores/registration';
import { fail, installBridge, ok, type FakeBridge } from './fake-bridge';

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
    Object.assign(reg.matter, { purpose: '申诉求决', category: '城乡建设', request: '村道修缮', placeVillageId: 4, levelSkips: { 县: '2026-02-01', 市: null } });
    expect(await reg.save()).toEqual(registered);
    expect(sent()).toEqual({
      participants: [
        { person: { personId: 1 }, representative: false },
        { person: { ...newcomer('李四'), confirmedNotDuplicate: true }, representative: false },
      ],
      visit: { channel: '走访', headcount: 2, involved: 2 },
      matter: {
        purpose: '申诉求决', category: '城乡建设', tags: [], request: '村道修缮', facts: '', placeVillageId: 4,
        levelSkips: [{ level: '县', visitedOn: '2026-02-01' }, { level: '市' }],
      },
      attachments: [],
    });
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
