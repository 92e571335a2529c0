import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { openDesk, shoot } from './desk.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterAll(async () => {
  await server.stop();
});

const rows = (page: Page) => page.locator('[data-testid="village-table"] .el-table__body tbody tr');
const nameItem = (page: Page) => page.getByTestId('village-name-item');

test('adds a village from the keyboard and still sees it after reload', async ({ page }) => {
  await openDesk(page, server);
  await expect(page.getByTestId('center-name')).toHaveText('舒城县张母桥镇综治维稳信访工作中心');
  await expect(page).toHaveURL(/#\/intake$/); // the desk opens on registration
  await page.goto(`${server.url}#/admin/villages`);
  await expect(rows(page).first()).toBeVisible(); // the shipped sample list was loaded at first start
  const before = await rows(page).count();

  // Focus starts in the name box: type and press Enter, no mouse.
  await expect(page.getByTestId('village-name')).toBeFocused();
  await page.keyboard.type('梅林村');
  await page.keyboard.press('Enter');
  await expect(rows(page).filter({ hasText: '梅林村' })).toHaveCount(1);
  await expect(page.getByTestId('village-name')).toHaveValue('');
  await shoot(page, 'villages');

  await page.reload();
  await expect(rows(page).filter({ hasText: '梅林村' })).toHaveCount(1);
  await expect(rows(page)).toHaveCount(before + 1);
});

test('bad input shows the Chinese message next to the field and saves nothing', async ({ page }) => {
  await openDesk(page, server, '#/admin/villages');
  const input = page.getByTestId('village-name');
  await input.fill('柏树村');
  await input.press('Enter');
  await expect(rows(page).filter({ hasText: '柏树村' })).toHaveCount(1);
  const before = await rows(page).count();

  await input.fill('   ');
  await input.press('Enter');
  await expect(nameItem(page).locator('.el-form-item__error')).toHaveText('请填写村（社区）名称');

  await input.fill('柏树村');
  await input.press('Enter');
  await expect(nameItem(page).locator('.el-form-item__error')).toHaveText('本乡镇已有同名的村（社区）');
  // What was typed stays, so the operator can correct it.
  await expect(input).toHaveValue('柏树村');

  await input.fill('新村<script>');
  await input.press('Enter');
  await expect(nameItem(page).locator('.el-form-item__error')).toHaveText(
    '村（社区）名称只能包含汉字、字母、数字和括号',
  );
  await shoot(page, 'villages-error');

  await page.reload();
  await expect(rows(page)).toHaveCount(before);
});

test('the frame navigates by keyboard', async ({ page }) => {
  await openDesk(page, server, '#/admin/villages');
  await expect(rows(page).first()).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(page).toHaveURL(/#\/intake$/);
  await expect(page.getByTestId('person-search')).toBeFocused();
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('today')).toContainText('今日接访');
  await page.keyboard.press('Alt+5');
  await expect(page).toHaveURL(/#\/admin\/villages$/);
  await page.getByTestId('admin-center').click();
  await expect(page.getByText('数据库版本')).toBeVisible();
  await shoot(page, 'center');
});
