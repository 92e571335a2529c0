// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { createTestingPinia } from '@pinia/testing';
import ElementPlus from 'element-plus';
import type { EventType, MatterDetail } from '../../core/api/contract';
import StepDialog from '../../renderer/src/components/matters/StepDialog.vue';
import { useMatter } from '../../renderer/src/composables/use-matter';
import { fail, installBridge, ok, settle } from './fake-bridge';

const detail = (stateLabel: string) => ({ matter: { id: 5 }, stateLabel, status: { projectId: null } }) as unknown as MatterDetail;

/** The matter page's wiring: useMatter's step action handed to the dialog. */
function mountDialog() {
  const done = vi.fn();
  const type = ref<EventType | null>(null);
  let matter!: ReturnType<typeof useMatter>;
  const Page = defineComponent({
    setup() {
      matter = useMatter(5);
      return () => h(StepDialog, { step: matter.step, type: type.value, today: '2026-03-02', onDone: done, onClose: () => (type.value = null) });
    },
  });
  mount(Page, { attachTo: document.body, global: { plugins: [ElementPlus, createTestingPinia({ createSpy: vi.fn })] } });
  return { done, type, matter: () => matter };
}

async function fillAndSubmit(values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const input = document.querySelector<HTMLInputElement>(`[data-testid="step-${key}"] input`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  document.querySelector<HTMLButtonElement>('[data-testid="step-submit"]')!.click();
  await settle();
  await settle();
}

afterEach(() => {
  delete window.intake;
  document.body.innerHTML = '';
});

describe('StepDialog on useMatter', () => {
  it('shows a refusal of data.unit at the 责任单位 box and stays open', async () => {
    installBridge({
      'matters.get': () => ok(detail('已受理')),
      'matters.step': () => fail('INVALID_INPUT', '请填写责任单位', { field: 'data.unit' }),
    });
    const { done, type, matter } = mountDialog();
    await settle();
    type.value = 'start';
    await settle();
    await fillAndSubmit({ handler: '李干事' });
    expect(matter().step.fieldErrors.value).toEqual({ 'data.unit': '请填写责任单位' });
    // Element Plus shows a form item's error after a short debounce.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="step-unit"]')?.textContent).toContain('请填写责任单位'));
    expect(document.querySelector('[data-testid="step-handler"]')?.textContent).not.toContain('请填写责任单位');
    expect(done).not.toHaveBeenCalled();
  });

  it('sends the typed step for the matter and hands back the matter as it now is', async () => {
    const bridge = installBridge({
      'matters.get': () => ok(detail('已受理')),
      'matters.step': () => ok(detail('办理中')),
    });
    const { done, type, matter } = mountDialog();
    await settle();
    type.value = 'start';
    await settle();
    await fillAndSubmit({ unit: '国土所', handler: '李干事' });
    expect(bridge.inputsOf('matters.step')).toEqual([{ matterId: 5, type: 'start', on: '2026-03-02', data: { unit: '国土所', handler: '李干事' }, reason: '' }]);
    expect(done).toHaveBeenCalledWith(detail('办理中'));
    expect(matter().data.value?.stateLabel).toBe('办理中');
  });
});
