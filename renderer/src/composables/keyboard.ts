/**
 * Enter advances like Tab in the registration form, so an operator can type straight through.
 * Selects and text areas keep their own Enter (pick an option, new line).
 */
const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]):not([type="file"]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusNext(container: HTMLElement, from: Element): boolean {
  const all = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
  const i = all.indexOf(from as HTMLElement);
  const next = all[i + 1];
  if (i < 0 || !next) return false;
  next.focus();
  return true;
}

export function enterAdvances(e: KeyboardEvent, container: HTMLElement | null): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.shiftKey || e.isComposing || !container) return;
  const t = e.target as HTMLElement;
  if (t.tagName !== 'INPUT' || t.closest('.el-select') || t.closest('[data-enter-own]')) return;
  if (focusNext(container, t)) e.preventDefault();
}

/** Element Plus renders the focusable part inside; focus it by test id or ref element. */
export function focusWithin(el: Element | null | undefined): void {
  const target = el?.matches?.('input, textarea, button') ? el : el?.querySelector<HTMLElement>('input, textarea, button');
  (target as HTMLElement | null | undefined)?.focus();
}
