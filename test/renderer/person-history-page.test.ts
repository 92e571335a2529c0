// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import type { PersonHistoryDto } from '../../core/api/contract';
import PersonHistory from '../../renderer/src/pages/persons/PersonHistory.vue';
import { fail, installBridge, ok, settle, testRouter } from './fake-bridge';

const history = (id: number, name: string): PersonHistoryDto => ({
  person: { id, name, sex: 'F', idMasked: '3301**********0021', phoneMasked: null, village: '东村', villageId: 2, lastVisit: null, openMatters: 0, birthDate: null, address: '', noIdReason: null, phonesMasked: ['138****0000'] },
  matters: [],
  items: [
    { on: '2026-03-02', at: '2026-03-02T09:30:00+08:00', kind: 'visit', title: '走访', text: '', matterId: 3, caseNo: 'XF-3', visitId: 8, instructionId: null, badge: null },
  ],
});

const mountPage = (personId: number) =>
  mount(PersonHistory, { props: { personId }, global: { plugins: [ElementPlus, testRouter()] } });

afterEach(() => delete window.intake);

describe('PersonHistory page (usePersonHistory)', () => {
  it('shows the person masked; 显示 reveals through persons.reveal, again hides without a call', async () => {
    const bridge = installBridge({
      'persons.history': ({ personId }) => ok(history(personId, '赵敏')),
      'persons.reveal': ({ personId }) => ok({ personId, idNumber: '330102199001010021', phones: ['13800000000'] }),
    });
    const page = mountPage(4);
    await settle();
    expect(page.get('[data-testid="person-name"]').text()).toBe('赵敏');
    expect(page.get('[data-testid="person-id"]').text()).toBe('3301**********0021');
    expect(page.findAll('[data-testid="history-item"]')).toHaveLength(1);

    await page.get('[data-testid="person-reveal"]').trigger('click');
    await settle();
    expect(page.get('[data-testid="person-id"]').text()).toBe('330102199001010021');
    expect(page.get('[data-testid="person-phone"]').text()).toBe('13800000000');
    expect(bridge.inputsOf('persons.reveal')).toEqual([{ personId: 4 }]);

    await page.get('[data-testid="person-reveal"]').trigger('click');
    await settle();
    expect(page.get('[data-testid="person-id"]').text()).toBe('3301**********0021');
    expect(bridge.inputsOf('persons.reveal')).toHaveLength(1);
  });

  it('another person: loads their history and hides what was revealed', async () => {
    installBridge({
      'persons.history': ({ personId }) => ok(history(personId, personId === 4 ? '赵敏' : '钱七')),
      'persons.reveal': ({ personId }) => ok({ personId, idNumber: '330102199001010021', phones: [] }),
    });
    const page = mountPage(4);
    await settle();
    await page.get('[data-testid="person-reveal"]').trigger('click');
    await settle();
    await page.setProps({ personId: 5 });
    await settle();
    expect(page.get('[data-testid="person-name"]').text()).toBe('钱七');
    expect(page.get('[data-testid="person-id"]').text()).toBe('3301**********0021');
  });

  it('a refused history shows the core’s message instead of the page', async () => {
    installBridge({ 'persons.history': () => fail('PERSON_NOT_FOUND', '没有这个人') });
    const page = mountPage(9);
    await settle();
    expect(page.find('[data-testid="person-history"]').exists()).toBe(false);
    expect(page.text()).toContain('没有这个人');
  });
});
