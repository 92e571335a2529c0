import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call } from '../api';

/** The early-warning count for the frame's badge (统计研判), refreshed with the supervision counts. */
export const useWarningsStore = defineStore('warnings', () => {
  const count = ref(0);
  async function refresh(): Promise<void> {
    const r = await call('stats.warnings', {});
    if (r.ok) count.value = r.value.total;
  }
  return { count, refresh };
});
