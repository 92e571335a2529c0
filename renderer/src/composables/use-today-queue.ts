/**
 * 今日接访's queue: today.queue now and every `pollMs` while the page is open (the poll stops when the
 * component or scope that asked goes away). replace() shows a reception's answer before the next poll.
 */
import { onScopeDispose } from 'vue';
import type { QueueItemDto } from '../../../core/api/contract';
import { useCall } from './use-call';

export const TODAY_POLL_MS = 15_000;

export function useTodayQueue(options: { pollMs?: number } = {}) {
  const queue = useCall('today.queue', {});
  const timer = setInterval(() => void queue.refresh(), options.pollMs ?? TODAY_POLL_MS);
  onScopeDispose(() => clearInterval(timer));

  function replace(item: QueueItemDto): void {
    const q = queue.data.value;
    if (q) queue.data.value = { ...q, items: q.items.map((i) => (i.visitId === item.visitId ? item : i)) };
  }

  return { ...queue, replace };
}
