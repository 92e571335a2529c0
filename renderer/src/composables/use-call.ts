/**
 * A page's data and actions, in the Directus manner (`use-item`): the page asks for a method and gets
 * refs back; the calling, the busy flag and the one error shape (UiError) live here, not in each page.
 *
 *   const { data, busy, error, refresh } = useCall('matters.get', () => ({ matterId: props.id }));
 *   const { busy, fieldErrors, run } = useAction('matters.correct');   // run(input) → value | null
 */
import { computed, ref, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref } from 'vue';
import type { Input, MethodName, Output } from '../../../core/api/contract';
import { call } from '../api';
import { fieldErrorsOf, toUiError, type FieldErrors, type UiError } from '../ui-error';

export interface CallOptions {
  /** Call at once (default true); otherwise only refresh() calls. */
  immediate?: boolean;
  /** Call again when the input changes (default true). The old data is dropped: it was another thing's. */
  watch?: boolean;
}

export interface CallState<M extends MethodName> {
  /** The last value the core returned; writable so an action that returns the new value can set it. */
  data: Ref<Output<M> | null>;
  busy: Ref<boolean>;
  error: Ref<UiError | null>;
  fieldErrors: ComputedRef<FieldErrors>;
  refresh: () => Promise<Output<M> | null>;
}

/**
 * A read: `input` may be a value, a ref or a getter; `null` means "nothing to ask yet". Only the latest
 * call's answer lands, so a slow answer for the previous id never overwrites the current one.
 */
export function useCall<M extends MethodName>(method: M, input: MaybeRefOrGetter<Input<M> | null>, options: CallOptions = {}): CallState<M> {
  const data = ref(null) as Ref<Output<M> | null>;
  const busy = ref(false);
  const error = ref<UiError | null>(null);
  const fieldErrors = computed(() => fieldErrorsOf(error.value));
  let latest = 0;

  async function refresh(): Promise<Output<M> | null> {
    const args = toValue(input);
    if (args === null) return null;
    const mine = ++latest;
    busy.value = true;
    const r = await call(method, args);
    if (mine !== latest) return r.ok ? r.value : null;
    busy.value = false;
    if (!r.ok) {
      error.value = toUiError(r);
      return null;
    }
    error.value = null;
    data.value = r.value;
    return r.value;
  }

  if (options.watch ?? true) {
    watch(
      () => JSON.stringify(toValue(input)),
      () => {
        data.value = null;
        error.value = null;
        void refresh();
      },
    );
  }
  if (options.immediate ?? true) void refresh();

  return { data, busy, error, fieldErrors, refresh };
}

export interface ActionState<M extends MethodName, A = Input<M>> {
  busy: Ref<boolean>;
  error: Ref<UiError | null>;
  /** The failure's message under its `field` (or `_` when it has none). */
  fieldErrors: ComputedRef<FieldErrors>;
  /** The value, or null on a refusal (then `error` says why) or while the previous run is still busy. */
  run: (input: A) => Promise<Output<M> | null>;
  clear: () => void;
}

/** A write: nothing happens until run(input); a second run while busy is ignored (no double submit). */
export function useAction<M extends MethodName>(method: M): ActionState<M> {
  const busy = ref(false);
  const error = ref<UiError | null>(null);
  const fieldErrors = computed(() => fieldErrorsOf(error.value));

  async function run(input: Input<M>): Promise<Output<M> | null> {
    if (busy.value) return null;
    busy.value = true;
    try {
      const r = await call(method, input);
      if (!r.ok) {
        error.value = toUiError(r);
        return null;
      }
      error.value = null;
      return r.value;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, fieldErrors, run, clear: () => (error.value = null) };
}
