import { test, expect, type Page } from '@playwright/test';
import { E2E_ADMIN, startServer, type TestServer } from './server.js';
import { admit, api, expectFocused, openDesk, shoot } from './desk.js';

let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const field = (page: Page, id: string) => page.getByTestId(id).locator('input');
const errorOf = (page: Page, id: string) => page.getByTestId(id).locator('.el-form-item__error');

test('first start creates the admin from the UI', async ({ page }) => {
  server = await startServer({ township: 'ZMQ', admin: false, exchange: false });
  // As the operator does: the one-time address the server printed.
  await page.goto(server.openUrl);
  await expect(page.getByTestId('signin-title')).toHaveText('首次使用：创建管理员账号');
  await shoot(page, 'setup');
  // Any local process can reach the port: without the code printed on the server's console, no admin.
  expect(server.setupCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await field(page, 'signin-username').fill('zhangadmin');
  await field(page, 'signin-name').fill('张管理');
  await field(page, 'signin-password').fill('Center-Keeper-7');
  await field(page, 'signin-confirm').fill('Center-Keeper-7');
  await field(page, 'signin-confirm').press('Enter');
  await expect(errorOf(page, 'signin-setup-code')).toHaveText('设置码不正确：请输入启动程序的窗口中显示的设置码');
  await field(page, 'signin-setup-code').fill(server.setupCode!.toLowerCase());
  await field(page, 'signin-password').fill('short');
  await field(page, 'signin-confirm').fill('short');
  await field(page, 'signin-confirm').press('Enter');
  await expect(errorOf(page, 'signin-password')).toHaveText('密码至少 10 位，且包含大写字母、小写字母、数字、符号中的至少三类');
  await field(page, 'signin-password').fill('Center-Keeper-7');
  await field(page, 'signin-confirm').fill('Center-Keeper-7');
  await field(page, 'signin-confirm').press('Enter');
  await expect(page.getByTestId('whoami')).toHaveText('张管理（管理员）');
});

test('five wrong passwords lock the account with a Chinese message', async ({ page }) => {
  server = await startServer({ township: 'ZMQ' });
  await admit(page, server);
  await page.goto(server.url);
  await field(page, 'signin-username').fill(E2E_ADMIN.username);
  for (let i = 1; i <= 4; i++) {
    await field(page, 'signin-password').fill('Wrong-Pass-000');
    await field(page, 'signin-password').press('Enter');
    await expect(errorOf(page, 'signin-password')).toHaveText('用户名或密码不正确'); // no count of tries left
  }
  await field(page, 'signin-password').fill('Wrong-Pass-000');
  await field(page, 'signin-password').press('Enter');
  await expect(errorOf(page, 'signin-password')).toHaveText('密码连续错误 5 次，账号已锁定 15 分钟');
  await field(page, 'signin-password').fill(E2E_ADMIN.password);
  await field(page, 'signin-password').press('Enter');
  await expect(errorOf(page, 'signin-password')).toContainText('账号已锁定 15 分钟，请于');
  await shoot(page, 'lockout');
  await expect(page.getByTestId('whoami')).toHaveCount(0);
});

test('ten idle minutes lock the desk; the password unlocks it with the typed work intact', async ({ page }) => {
  server = await startServer({ township: 'ZMQ' });
  await page.clock.install();
  await openDesk(page, server, '#/intake');
  await page.getByTestId('person-search').fill('张三');
  await page.clock.fastForward('09:00');
  await expect(page.getByTestId('signin')).toHaveCount(0); // not yet
  await page.clock.fastForward('01:05');
  await expect(page.getByTestId('signin-title')).toHaveText('已锁屏');
  await shoot(page, 'idle-lock');
  await field(page, 'signin-password').fill('Wrong-Pass-000');
  await field(page, 'signin-password').press('Enter');
  await expect(errorOf(page, 'signin-password')).toContainText('用户名或密码不正确');
  await field(page, 'signin-password').fill(E2E_ADMIN.password);
  await field(page, 'signin-password').press('Enter');
  await expect(page.getByTestId('signin')).toHaveCount(0);
  await expect(page.getByTestId('person-search')).toHaveValue('张三');
});

test('a new staff member must change the initial password; the admin sees it all in the audit trail', async ({ page }) => {
  server = await startServer({ township: 'ZMQ' });
  await openDesk(page, server);
  await api(page, 'users.create', { username: 'lijie', displayName: '李洁', role: 'reception', password: 'Initial-Pass-1' });
  await page.getByTestId('logout').click();
  await field(page, 'signin-username').fill('lijie');
  await field(page, 'signin-password').fill('Initial-Pass-1');
  await field(page, 'signin-password').press('Enter');
  await expect(page.getByTestId('signin-title')).toHaveText('首次登录，请修改初始密码');
  await field(page, 'signin-password').fill('Initial-Pass-1');
  await field(page, 'signin-next').fill('Initial-Pass-1');
  await field(page, 'signin-confirm').fill('Initial-Pass-1');
  await field(page, 'signin-confirm').press('Enter');
  await expect(errorOf(page, 'signin-next')).toHaveText('新密码不能与原密码相同');
  await field(page, 'signin-password').fill('Initial-Pass-1');
  await field(page, 'signin-next').fill('Reception-Desk-2026!');
  await field(page, 'signin-confirm').fill('Reception-Desk-2026!');
  await field(page, 'signin-confirm').press('Enter');
  await expect(page.getByTestId('whoami')).toHaveText('李洁（接待员）');
  // A reception operator has no business in the admin pages: no menu for them, and a typed address
  // lands on the operator's own first screen instead of a refusal.
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await page.goto(`${server.url}#/admin/audit`);
  await expect(page).toHaveURL(/#\/intake$/);
  await expect(page.getByTestId('person-search')).toBeVisible();
  await expect(page.getByText('当前账号无权执行此操作')).toHaveCount(0);

  await page.getByTestId('logout').click();
  await field(page, 'signin-username').fill(E2E_ADMIN.username);
  await field(page, 'signin-password').fill(E2E_ADMIN.password);
  await field(page, 'signin-password').press('Enter');
  await expect(page.getByTestId('whoami')).toContainText(E2E_ADMIN.name);
  await page.goto(`${server.url}#/admin/audit`);
  await expect(page.getByTestId('audit-chain')).toContainText('哈希链完整');
  const table = page.getByTestId('audit-table');
  // Actions and outcomes read in Chinese, from the contract and the error catalogue; no method names.
  await expect(table).toContainText('新密码不能与原密码相同');
  await expect(table).toContainText('修改密码');
  await expect(table).toContainText('新建账号');
  await expect(table).not.toContainText('auth.changePassword');
  await expect(table).not.toContainText('users.create');
  await shoot(page, 'audit');
});

test('first start on a desk that does not know its township asks for it and the phone, by keyboard', async ({ page }) => {
  server = await startServer({ admin: false });
  await admit(page, server);
  await page.goto(server.url);
  await expect(page.getByTestId('signin-title')).toHaveText('首次使用：创建管理员账号');
  await field(page, 'signin-setup-code').fill(server.setupCode!);
  await field(page, 'signin-setup-code').press('Enter');
  await expectFocused(page, 'signin-township');
  await page.keyboard.type('zmq');
  await page.keyboard.press('Enter');
  await expectFocused(page, 'signin-phone');
  await page.keyboard.type('0564-8612345');
  await page.keyboard.press('Enter');
  await expectFocused(page, 'signin-username');
  await page.keyboard.type('zhangadmin');
  await page.keyboard.press('Enter');
  await page.keyboard.type('张管理');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Center-Keeper-7');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Center-Keeper-7');
  await shoot(page, 'setup-center');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('whoami')).toHaveText('张管理（管理员）');
  const info = await page.evaluate(async () => (await (await fetch('./api/system.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { value: { township: { name: string } | null; centerPhone: string } });
  expect(info.value).toMatchObject({ township: { name: '张母桥镇' }, centerPhone: '0564-8612345' });
});
