import { expect, type Locator, type Page } from '@playwright/test';

/** Keyboard-only driving with a keystroke count: a chord (Ctrl+S) is one keystroke, text one per character. */
export class Keys {
  count = 0;
  constructor(private readonly page: Page) {}

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.count += [...text].length;
  }

  /** Free text the operator would type anyway (the matter's own words): not counted. */
  async typeText(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
    this.count += times;
  }

  /** Tab (counted) until the target has focus; fails rather than looping forever. */
  async tabTo(target: Locator, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
      await this.press('Tab');
    }
    throw new Error('could not reach the target with Tab');
  }
}

/** Calls the core the way the page does (same token), to seed or check data. */
export async function api<T = unknown>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([m, i]) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="intake-token"]')!.content;
      const res = await fetch(`./api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-intake-token': token },
        body: JSON.stringify(i),
      });
      return res.json();
    },
    [method, input] as const,
  );
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message_zh}`);
  return result.value as T;
}

export async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test-results/screenshots/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

export async function expectFocused(page: Page, testId: string): Promise<void> {
  await expect
    .poll(() => page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), testId))
    .toBe(true);
}
