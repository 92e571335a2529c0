/**
 * The first screen ends when 登记's search box takes the keyboard (issue #19: ≤ 1 s at 1M persons). What that box does
 * not need — the frame's badges, today's duty leader, the attachment limits, the permission matrix — is asked only
 * then: stats.warnings alone holds one of the core's two reader threads for 300–450 ms at 1M persons, and every call
 * answered before the focus is one the page renders before the focus. Once shown, afterFirstScreen runs at once.
 */
let open!: () => void;
const shown = new Promise<void>((resolve) => (open = resolve));
let done = false;

/** The search box has focus, or the desk opened on another page (which has no search box to wait for). */
export function firstScreenShown(): void {
  if (done) return;
  done = true;
  open();
}

/** Runs `work` once the first screen is shown (in a later microtask, never inside the caller). */
export function afterFirstScreen(work: () => unknown): void {
  void shown.then(() => work());
}
