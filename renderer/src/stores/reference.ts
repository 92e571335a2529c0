import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ReferenceLists } from '../../../core/api/contract';
import { call } from '../api';

/** The core's fixed vocabularies (channels, categories, evaluation results …), loaded once. */
export const useReferenceStore = defineStore('reference', () => {
  const lists = ref<ReferenceLists | null>(null);
  let loading: Promise<void> | null = null;
  function load(): Promise<void> {
    loading ??= call('reference.lists', {}).then((r) => {
      if (r.ok) lists.value = r.value;
      else loading = null;
    });
    return loading;
  }
  return { lists, load };
});
