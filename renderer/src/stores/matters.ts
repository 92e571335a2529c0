import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call } from '../api';

/** Supervision counts for the frame's badge: refreshed on a timer and after every change. */
export const useMattersStore = defineStore('matters', () => {
  const overdue = ref(0);
  const dueSoon = ref(0);
  async function refreshCounts(): Promise<void> {
    const r = await call('matters.counts', {});
    if (r.ok) ({ overdue: overdue.value, dueSoon: dueSoon.value } = r.value);
  }
  return { overdue, dueSoon, refreshCounts };
});
