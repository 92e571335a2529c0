import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_ADMIN, type TestServer } from './server.js';

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

/**
 * Calls the core the way the page does (same page cookie, sent by fetch), to seed or check data. It signs in as the
 * e2e admin on a session of its own, so the page's own session is untouched.
 */
export async function api<T = unknown>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([m, i, admin]) => {
      const post = async (name: string, body: unknown, session?: string) =>
        (
          await fetch(`./api/${name}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(session ? { 'x-intake-session': session } : {}) },
            body: JSON.stringify(body),
          })
        ).json();
      const w = window as unknown as { __e2eSession?: string };
      if (!w.__e2eSession) {
        const login = await post('auth.login', { username: admin.username, password: admin.password });
        if (!login.ok) return login;
        w.__e2eSession = login.value.token;
      }
      return post(m, i, w.__e2eSession);
    },
    [method, input, E2E_ADMIN] as const,
  );
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message_zh}`);
  return result.value as T;
}

/**
 * Gives the page's browser the cookie its server handed out for the printed one-time address (the
 * harness traded it: test/e2e/server.ts). Contexts made after startServer have it already (the
 * storage state); this is for a server started inside a test, after its page was made.
 */
export async function admit(page: Page, server: Pick<TestServer, 'cookie'>): Promise<void> {
  if (server.cookie) await page.context().addCookies([{ ...server.cookie, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
}

/** Opens the desk and signs in through the real sign-in screen, then goes to `hash` (e.g. '#/matters'). */
export async function openDesk(page: Page, server: Pick<TestServer, 'url' | 'cookie'>, hash = ''): Promise<void> {
  await admit(page, server);
  await page.goto(server.url);
  await expect(page.getByTestId('signin-title')).toHaveText('登录');
  await page.getByTestId('signin-username').locator('input').fill(E2E_ADMIN.username);
  const pw = page.getByTestId('signin-password').locator('input');
  await pw.fill(E2E_ADMIN.password);
  await pw.press('Enter');
  await expect(page.getByTestId('whoami')).toContainText(E2E_ADMIN.name);
  if (hash) await page.goto(`${server.url}${hash}`);
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

/** Today in Beijing, as the server counts it, and a day `n` days from it (YYYY-MM-DD). */
export const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
export const shift = (n: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
