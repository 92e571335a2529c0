/**
 * A person's whole history (persons.history) and the audited reveal of their full ID number and
 * phones, which needs a stated reason (kept in the audit entry). `personId` may be null (nothing
 * selected yet); a new person hides what was revealed.
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

  /** Shows the full values for the reason given; true when they are shown. */
  async function reveal(reason: string): Promise<boolean> {
    const id = toValue(personId);
    if (id === null) return false;
    revealed.value = await revealAction.run({ personId: id, reason });
    return revealed.value !== null;
  }

  /** Hides them again (no call: nothing to audit). */
  function hide(): void {
    revealed.value = null;
  }

  return { ...history, revealed, revealError: revealAction.error, revealFieldErrors: revealAction.fieldErrors, revealBusy: revealAction.busy, clearRevealError: revealAction.clear, reveal, hide };
}
