import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DutyDayDto } from '../../../core/api/contract';
import { call } from '../api';

/** Today's duty leader for the frame; the roster page refreshes it after a change. */
export const useDutyStore = defineStore('duty', () => {
  const today = ref<DutyDayDto | null>(null);
  async function refresh(): Promise<void> {
    const r = await call('roster.today', {});
    if (r.ok) today.value = r.value;
  }
  return { today, refresh };
});
