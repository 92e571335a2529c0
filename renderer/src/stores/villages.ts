import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { VillageDto } from '../../../core/api/contract';
import { call } from '../api';
import { toUiError, type UiError } from '../ui-error';

/** The village list of one township, and adding to it. Validation is the core's; we show its words. */
export const useVillagesStore = defineStore('villages', () => {
  const township = ref<string | null>(null);
  const items = ref<VillageDto[]>([]);
  const loading = ref(false);
  const error = ref<UiError | null>(null);

  async function load(code: string | null): Promise<void> {
    township.value = code;
    loading.value = true;
    const r = await call('villages.list', code ? { township: code } : {});
    loading.value = false;
    if (r.ok) {
      items.value = r.value;
      error.value = null;
    } else {
      items.value = [];
      error.value = toUiError(r);
    }
  }

  async function add(name: string): Promise<VillageDto | null> {
    const r = await call('villages.add', { name, ...(township.value ? { township: township.value } : {}) });
    if (!r.ok) {
      error.value = toUiError(r);
      return null;
    }
    error.value = null;
    await load(township.value); // the core owns the order
    return r.value;
  }

  return { township, items, loading, error, load, add };
});
