import { test, expect } from '@playwright/test';
import { startServer, type TestServer } from './server.js';

/**
 * Browser mode's way in, in real Chromium: the page at / holds no secret; the address the server
 * printed lets this browser in once (an HttpOnly cookie the page's script cannot read); the same
 * address in another browser is refused in Chinese.
 */
let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ township: 'ZMQ', exchange: false });
});
test.afterAll(async () => server?.stop());

// A browser that has never opened a printed address.
test.use({ storageState: { cookies: [], origins: [] } });

test('the printed one-time address opens the desk once; a bare / and a second use say to use the printed address', async ({ page, browser }) => {
  await page.goto(server.url);
  await expect(page.locator('h1')).toHaveText('请从打印的地址打开');
  await expect(page.locator('body')).toContainText('打印的地址');

  await page.goto(server.openUrl);
  await expect(page.getByTestId('signin-title')).toHaveText('登录');
  // The code is gone from the address bar, and the cookie is out of the page's reach.
  expect(page.url().startsWith(server.url)).toBe(true);
  expect(page.url()).not.toContain(server.openUrl.split('#')[1]);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const second = await other.newPage();
  await second.goto(server.openUrl);
  await expect(second.locator('h1')).toHaveText('无法打开信访接待台');
  await expect(second.locator('p')).toContainText('请使用启动信访接待台的窗口（控制台）中打印的地址打开本页');
  await other.close();
});
