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

/** `attached`: in the document, so focus can be checked. */
const mountPage = (personId: number, attached = false) =>
  mount(PersonHistory, { props: { personId }, global: { plugins: [ElementPlus, testRouter()] }, ...(attached ? { attachTo: document.body } : {}) });

afterEach(() => delete window.intake);

describe('PersonHistory page (usePersonHistory)', () => {
  it('shows the person masked; 显示 asks a reason (Enter submits) and reveals through persons.reveal, again hides without a call', async () => {
    const bridge = installBridge({
      'persons.history': ({ personId }) => ok(history(personId, '赵敏')),
      'persons.reveal': ({ personId }) => ok({ personId, idNumber: '330102199001010021', phones: ['13800000000'] }),
    });
    const page = mountPage(4, true);
    await settle();
    expect(page.get('[data-testid="person-name"]').text()).toBe('赵敏');
    expect(page.get('[data-testid="person-id"]').text()).toBe('3301**********0021');
    expect(page.findAll('[data-testid="history-item"]')).toHaveLength(1);

    await page.get('[data-testid="person-reveal"]').trigger('click');
    await settle();
    // Nothing is asked of the core before a reason is given; Enter on an empty box says so.
    const box = page.get('input[data-testid="reveal-reason"]');
    expect(document.activeElement).toBe(box.element);
    await box.trigger('keydown', { key: 'Enter' });
    expect(page.get('[data-testid="reveal-error"]').text()).toBe('请填写查看原因');
    expect(bridge.inputsOf('persons.reveal')).toHaveLength(0);
    await box.setValue(' 核实身份后寄送告知书 ');
    await box.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(page.get('[data-testid="person-id"]').text()).toBe('330102199001010021');
    expect(page.get('[data-testid="person-phone"]').text()).toBe('13800000000');
    expect(bridge.inputsOf('persons.reveal')).toEqual([{ personId: 4, reason: '核实身份后寄送告知书' }]);

    await page.get('[data-testid="person-reveal"]').trigger('click');
    await settle();
    expect(page.get('[data-testid="person-id"]').text()).toBe('3301**********0021');
    expect(bridge.inputsOf('persons.reveal')).toHaveLength(1);
    page.unmount();
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
    await page.get('input[data-testid="reveal-reason"]').setValue('核实');
    await page.get('[data-testid="reveal-submit"]').trigger('click');
    await settle();
    expect(page.get('[data-testid="person-id"]').text()).toBe('330102199001010021');
    await page.setProps({ personId: 5 });
    await settle();
    expect(page.get('[data-testid="person-name"]').text()).toBe('钱七');
    expect(page.get('[data-testid="person-id"]').text()).toBe('3301**********0021');
  });

  it('over the hourly limit: the core’s Chinese refusal shows in the dialog, nothing is revealed', async () => {
    installBridge({
      'persons.history': ({ personId }) => ok(history(personId, '赵敏')),
      'persons.reveal': () => fail('REVEAL_LIMIT', '一小时内最多查看 20 次完整证件号或电话，已达上限'),
    });
    const page = mountPage(4);
    await settle();
    await page.get('[data-testid="person-reveal"]').trigger('click');
    await settle();
    const box = page.get('input[data-testid="reveal-reason"]');
    await box.setValue('核实');
    await box.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(page.get('[data-testid="reveal-error"]').text()).toContain('已达上限');
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
