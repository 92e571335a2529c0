/**
 * A person's whole history (persons.history) and the audited reveal of their full ID number and
 * phones. `personId` may be null (nothing selected yet); a new person hides what was revealed.
 */
import { ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { Output } from '../../../core/api/contract';
import { useAction, useCall } from './use-call';

export function usePersonHistory(personId: MaybeRefOrGetter<number | null>) {
  const history = useCall('persons.history', () => {
    const id = toValue(personId);
    return id === null ? null : { personId: id };
  });
  const revealAction = useAction('persons.reveal');
  const revealed = ref<Output<'persons.reveal'> | null>(null);
  watch(
    () => toValue(personId),
    () => {
      revealed.value = null;
      revealAction.clear();
    },
  );

  /** Shows the full values, or hides them again. */
  async function toggleReveal(): Promise<void> {
    const id = toValue(personId);
    if (revealed.value || id === null) {
      revealed.value = null;
      return;
    }
    revealed.value = await revealAction.run({ personId: id });
  }

  return { ...history, revealed, revealError: revealAction.error, toggleReveal };
}
