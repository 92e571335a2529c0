import { computed, ref, type Ref } from 'vue';

/**
 * Filtering for pickers: a query matches a label that contains it or whose pinyin initials start
 * with it ('gt' → 国土资源水利林业). The initials come from the core with the list.
 */
export function usePinyinFilter<T>(items: Ref<readonly T[]>, label: (t: T) => string, initials: (t: T) => string) {
  const query = ref('');
  const options = computed(() => {
    const q = query.value.trim().toLowerCase();
    if (!q) return items.value;
    return items.value.filter((t) => label(t).includes(q) || initials(t).startsWith(q));
  });
  return { options, filter: (q: string) => (query.value = q) };
}
