// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestingPinia } from '@pinia/testing';
import { ref } from 'vue';
import type { MatterDetail } from '../../core/api/contract';
import { useMatter } from '../../renderer/src/composables/use-matter';
import { useMattersStore } from '../../renderer/src/stores/matters';
import { fail, installBridge, ok, settle, withSetup } from './fake-bridge';

/** Enough of a detail to tell two apart: the state label and the project. */
const detail = (matterId: number, stateLabel: string, projectId: number | null = null) =>
  ({ matter: { id: matterId }, stateLabel, status: { projectId } }) as unknown as MatterDetail;

afterEach(() => delete window.intake);

function setup(matterId = ref(5)) {
  const pinia = createTestingPinia({ createSpy: vi.fn }); // store actions stubbed: the badge refresh is a spy
  const { result } = withSetup(() => useMatter(matterId), [pinia]);
  return { result, counts: useMattersStore(), matterId };
}

describe('useMatter', () => {
  it('loads the matter and loads again when the id changes', async () => {
    const bridge = installBridge({ 'matters.get': ({ matterId }) => ok(detail(matterId, `第${matterId}件`)) });
    const { result, matterId } = setup();
    await settle();
    expect(result.data.value?.stateLabel).toBe('第5件');
    matterId.value = 6;
    await settle();
    expect(result.data.value?.stateLabel).toBe('第6件');
    expect(bridge.inputsOf('matters.get')).toEqual([{ matterId: 5 }, { matterId: 6 }]);
  });

  it('a step is sent for this matter and its answer becomes the data; the frame counts refresh', async () => {
    const bridge = installBridge({
      'matters.get': () => ok(detail(5, '待受理')),
      'matters.step': () => ok(detail(5, '已受理')),
    });
    const { result, counts } = setup();
    await settle();
    expect(result.data.value?.stateLabel).toBe('待受理');
    const next = await result.step.run({ type: 'accept', data: {} });
    expect(next?.stateLabel).toBe('已受理');
    expect(result.data.value?.stateLabel).toBe('已受理');
    expect(bridge.inputsOf('matters.step')).toEqual([{ type: 'accept', data: {}, matterId: 5 }]);
    expect(counts.refreshCounts).toHaveBeenCalledTimes(1);
  });

  it('a refused correction keeps the data, shows the message at its field and leaves the counts alone', async () => {
    installBridge({
      'matters.get': () => ok(detail(5, '办理中')),
      'matters.correct': () => fail('REASON_REQUIRED', '请填写更正原因', { field: 'reason' }),
    });
    const { result, counts } = setup();
    await settle();
    expect(await result.correct.run({ eventId: 9, reason: '' })).toBeNull();
    expect(result.correct.fieldErrors.value).toEqual({ reason: '请填写更正原因' });
    expect(result.data.value?.stateLabel).toBe('办理中');
    expect(counts.refreshCounts).not.toHaveBeenCalled();
  });

  it('an accepted correction replaces the data', async () => {
    const bridge = installBridge({
      'matters.get': () => ok(detail(5, '办理中')),
      'matters.correct': () => ok(detail(5, '已更正')),
    });
    const { result } = setup();
    await settle();
    await result.correct.run({ eventId: 9, void: true, reason: '录错了' });
    expect(result.data.value?.stateLabel).toBe('已更正');
    expect(bridge.inputsOf('matters.correct')).toEqual([{ eventId: 9, void: true, reason: '录错了', matterId: 5 }]);
  });
});
