// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueItemDto, TodayQueueDto } from '../../core/api/contract';
import { TODAY_POLL_MS, useTodayQueue } from '../../renderer/src/composables/use-today-queue';
import { installBridge, ok, withSetup } from './fake-bridge';

const item = (visitId: number, status: QueueItemDto['status']) => ({ visitId, status }) as QueueItemDto;
const queue = (items: QueueItemDto[]) => ({ date: '2026-03-02', items }) as TodayQueueDto;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  delete window.intake;
});

describe('useTodayQueue', () => {
  it('polls today.queue every interval and stops when the component unmounts', async () => {
    const bridge = installBridge({ 'today.queue': () => ok(queue([item(1, 'waiting')])) });
    const { result, wrapper } = withSetup(() => useTodayQueue());
    await vi.advanceTimersByTimeAsync(0);
    expect(bridge.calls).toHaveLength(1);
    expect(result.data.value?.items).toEqual([item(1, 'waiting')]);
    await vi.advanceTimersByTimeAsync(TODAY_POLL_MS * 2);
    expect(bridge.calls).toHaveLength(3);
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(TODAY_POLL_MS * 3);
    expect(bridge.calls).toHaveLength(3);
  });

  it('replace() shows one visit as the core now has it, before the next poll', async () => {
    installBridge({ 'today.queue': () => ok(queue([item(1, 'waiting'), item(2, 'waiting')])) });
    const { result, wrapper } = withSetup(() => useTodayQueue());
    await vi.advanceTimersByTimeAsync(0);
    result.replace(item(2, 'receiving'));
    expect(result.data.value?.items.map((i) => i.status)).toEqual(['waiting', 'receiving']);
    wrapper.unmount();
  });
});
