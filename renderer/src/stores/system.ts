import { defineStore } from 'pinia';
import { ref, computed } from 'vue';
import type { Input, SystemInfo, TownshipDto } from '../../../core/api/contract';
import { call, callOrThrow } from '../api';

/** What the frame needs about this desk: version, the center's township, the township list. */
export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null);
  const townships = ref<TownshipDto[]>([]);
  const loadError = ref<string | null>(null);

  const centerName = computed(() => (info.value?.township ? info.value.township.name : null));

  async function load(): Promise<void> {
    const [i, t] = await Promise.all([call('system.info', {}), call('townships.list', {})]);
    // A county workstation offers no township list: its pages carry the townships' names.
    if (!i.ok) loadError.value = i.message_zh;
    else info.value = i.value;
    if (t.ok) townships.value = t.value;
  }

  async function configure(input: Input<'system.configure'>): Promise<void> {
    info.value = await callOrThrow('system.configure', input);
  }

  return { info, townships, loadError, centerName, load, configure };
});
