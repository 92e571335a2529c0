// @vitest-environment happy-dom
// A text box shows the contract's limit and refuses a paste past it visibly (issue 14, item 3).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { createTestingPinia } from '@pinia/testing';
import ElementPlus from 'element-plus';
import LimitedInput from '../../renderer/src/components/LimitedInput.vue';
import { settle } from './fake-bridge';

function mountBox(type: 'text' | 'textarea', start = '') {
  const value = ref(start);
  const Page = defineComponent({
    setup: () => () => h(LimitedInput, { method: 'visits.register', field: 'matter.request', type, modelValue: value.value, 'onUpdate:modelValue': (v: string | null | undefined) => (value.value = v ?? '') }),
  });
  const pinia = createTestingPinia({
    createSpy: vi.fn,
    stubActions: false,
    initialState: { capabilities: { methods: { 'visits.register': { roles: ['reception'], label: '接待登记', kind: 'write', limits: { 'matter.request': 10 } } } } },
  });
  const w = mount(Page, { attachTo: document.body, global: { plugins: [ElementPlus, pinia] } });
  return { w, value };
}

function paste(box: HTMLInputElement | HTMLTextAreaElement, text: string): ClipboardEvent {
  const e = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
  Object.defineProperty(e, 'clipboardData', { value: { getData: (t: string) => (t === 'text/plain' ? text : '') } });
  box.dispatchEvent(e);
  return e;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('LimitedInput', () => {
  it('shows the count against the contract limit', async () => {
    const { w } = mountBox('textarea', '诉求');
    await settle();
    expect(w.get('[data-testid="limit-count"]').text()).toBe('2/10');
  });

  it('refuses a paste past the limit with a message, and lets one within it through', async () => {
    const { w } = mountBox('textarea', '诉求');
    await settle();
    const box = w.get('textarea').element as HTMLTextAreaElement;
    box.setSelectionRange(2, 2);
    const big = paste(box, '字'.repeat(10000));
    await settle();
    expect(big.defaultPrevented).toBe(true);
    expect(w.get('[data-testid="limit-refused"]').text()).toBe('粘贴的内容有 10000 字，本栏最多 10 字（还能输入 8 字），未粘贴。请删减后再粘贴。');
    const small = paste(box, '修路');
    await settle();
    expect(small.defaultPrevented).toBe(false);
    expect(w.find('[data-testid="limit-refused"]').exists()).toBe(false);
  });

  it('counts the selection a paste replaces, and says by how much typed text is over', async () => {
    const { w, value } = mountBox('text', '一二三四五六七八九十');
    await settle();
    const box = w.get('input').element as HTMLInputElement;
    box.setSelectionRange(0, 10);
    expect(paste(box, '全部换掉').defaultPrevented).toBe(false);
    value.value = '一二三四五六七八九十十一';
    await settle();
    expect(w.get('[data-testid="limit-over"]').text()).toContain('已超出 2 字');
    expect(w.get('[data-testid="limit-count"]').text()).toBe('12/10');
  });
});
