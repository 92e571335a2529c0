/**
 * Enter advances like Tab in the desk's forms, so an operator can type straight through. Text areas
 * keep their own Enter (a new line); a box marked data-enter-own (the person search) keeps it too.
 * A select picks on Enter as it always does, then focus moves on; on a closed select Enter moves on
 * without reopening it. Listen in the capture phase (`@keydown.capture`), so the closed select never
 * sees the Enter.
 */
import { nextTick, onBeforeUnmount, watch } from 'vue';

type Readable<T> = { readonly value: T };

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]):not([type="file"]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';
/** The boxes a dialog or a form starts in: text, selects, dates, numbers (not buttons). */
const FIELD = 'input:not([disabled]):not([type="hidden"]):not([type="file"]), textarea:not([disabled])';

const shown = (el: HTMLElement) => el.offsetParent !== null || el.getClientRects().length > 0;

export function focusNext(container: HTMLElement, from: Element): boolean {
  const all = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(shown);
  // A select's own inner parts count once: skip what sits inside the same select.
  const group = from.closest('.el-select, .el-date-editor, .el-input-number') ?? from;
  const i = all.indexOf(from as HTMLElement);
  const next = all.slice(i + 1).find((el) => !group.contains(el));
  if (i < 0 || !next) return false;
  next.focus();
  return true;
}

export function enterAdvances(e: KeyboardEvent, container: HTMLElement | null): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.shiftKey || e.metaKey || e.isComposing || !container) return;
  const t = e.target as HTMLElement;
  if (t.tagName !== 'INPUT' || t.closest('[data-enter-own]')) return;
  if (t.closest('.el-select')) {
    if (t.getAttribute('aria-expanded') === 'true') {
      // The select takes this Enter to pick the hovered option; move on once it has.
      setTimeout(() => focusNext(container, t), 0);
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    focusNext(container, t);
    return;
  }
  if (focusNext(container, t)) e.preventDefault();
}

/** Element Plus renders the focusable part inside; focus it by test id or ref element. */
export function focusWithin(el: Element | null | undefined): void {
  const target = el?.matches?.('input, textarea, button') ? el : el?.querySelector<HTMLElement>('input, textarea, button');
  (target as HTMLElement | null | undefined)?.focus();
}

/** The first box of a form or dialog body. */
export function focusFirstField(root: Element | null | undefined): boolean {
  const first = Array.from(root?.querySelectorAll<HTMLElement>(FIELD) ?? []).find(shown);
  first?.focus();
  return !!first;
}

/**
 * A dialog worked from the keyboard: its first box has focus once it is open (Element Plus focuses the
 * dialog itself, so this runs on its `opened` event), and Ctrl+Enter submits from any box, selects and
 * date pickers included (caught before they see it). Pass `opened` to the dialog's @opened.
 */
export function useDialogKeys(open: Readable<boolean>, body: Readable<HTMLElement | null>, submit: () => unknown): { opened: () => void } {
  function onKey(e: KeyboardEvent): void {
    if (!open.value || !(e.ctrlKey || e.metaKey) || e.key !== 'Enter' || e.isComposing) return;
    e.preventDefault();
    e.stopPropagation();
    void submit();
  }
  watch(
    () => open.value,
    (now) => {
      if (now) document.addEventListener('keydown', onKey, true);
      else document.removeEventListener('keydown', onKey, true);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => document.removeEventListener('keydown', onKey, true));
  return {
    opened: () => {
      void nextTick(() => focusFirstField(body.value));
    },
  };
}
