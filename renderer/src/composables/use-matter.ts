/**
 * One matter's page: its detail (matters.get) and the two writes on it. A step or a correction returns
 * the matter as it now is, which becomes the data at once, and the frame's supervision counts refresh.
 */
import { toValue, type MaybeRefOrGetter } from 'vue';
import type { Input, MatterDetail } from '../../../core/api/contract';
import { useMattersStore } from '../stores/matters';
import { useAction, useCall, type ActionState } from './use-call';

type WithoutMatter<T> = T extends unknown ? Omit<T, 'matterId'> : never;
/** A step on this matter: the matter id is the composable's. */
export type StepInput = WithoutMatter<Input<'matters.step'>>;
export type CorrectInput = Omit<Input<'matters.correct'>, 'matterId'>;
export type MatterAction<A> = Omit<ActionState<'matters.step'>, 'run'> & { run: (input: A) => Promise<MatterDetail | null> };

export function useMatter(matterId: MaybeRefOrGetter<number>) {
  const counts = useMattersStore();
  const detail = useCall('matters.get', () => ({ matterId: toValue(matterId) }));
  const stepAction = useAction('matters.step');
  const correctAction = useAction('matters.correct');

  function landed(next: MatterDetail | null): MatterDetail | null {
    if (next) {
      detail.data.value = next;
      void counts.refreshCounts();
    }
    return next;
  }

  const step: MatterAction<StepInput> = {
    ...stepAction,
    run: async (input) => landed(await stepAction.run({ ...input, matterId: toValue(matterId) } as Input<'matters.step'>)),
  };
  const correct: MatterAction<CorrectInput> = {
    ...correctAction,
    run: async (input) => landed(await correctAction.run({ ...input, matterId: toValue(matterId) })),
  };

  return { ...detail, step, correct };
}
