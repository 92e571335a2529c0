// Notices as official documents: each printed notice carries its 文号, the legal basis the center
// set, the township government as issuer and (for the 处理意见书) the named 复查机关; a served notice
// has its 送达 on the matter page and a printable 送达回证.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, openDesk, shift, shoot } from './desk.js';
import { makeId } from '../helpers/ids.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

const zh = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const YEAR = shift(0).slice(0, 4);
// Not a citation: the e2e sets a basis as a center would after checking the official text (SOURCES.md).
const basis = (k: string) => `《信访工作条例》第某条（${k}测试）`;

let seq = 400;
async function seed(page: Page, visitedOn: string, names: string[] = ['张三']): Promise<{ matterId: number; caseNo: string }> {
  return api(page, 'visits.register', {
    participants: names.map((name) => ({ person: { name, idNumber: makeId('1968-03-15', (seq += 2)) } })),
    visit: { headcount: names.length, involved: names.length, visitedAt: `${visitedOn}T09:00:00+08:00` },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', request: '要求兑现征地补偿款' },
  });
}
const step = (page: Page, matterId: number, type: string, on: string, data: object = {}, reason = '') => api(page, 'matters.step', { matterId, type, on, data, reason });

/** Prints the notice open on the page to a PDF, keeps an A4 image of it, and returns its text without spaces. */
async function printed(page: Page, name: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = `test-results/${name}.pdf`;
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  mkdirSync('test-results/screenshots', { recursive: true });
  execFileSync('pdftoppm', ['-r', '70', '-png', '-singlefile', pdf, `test-results/screenshots/${name}-A4`]);
  expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

async function printNotice(page: Page, matterId: number, kind: string, name: string): Promise<string> {
  await page.goto(`${server.url}#/matters/${matterId}`);
  await page.getByTestId(`notice-${kind}`).click();
  await expect(page.getByTestId('notice-no')).toContainText(`〔${YEAR}〕`);
  return printed(page, name);
}

test('each notice prints with its 文号, the legal basis set, the township government and the 复查机关', async ({ page }) => {
  test.setTimeout(120_000); // six notices printed to PDF and rendered to images
  await openDesk(page, server);
  await api(page, 'system.configure', { phone: '0564-8621234' });
  // The 复查机关 is set on the center page, as an admin would.
  await page.goto(`${server.url}#/admin/center`);
  await expect(page.getByTestId('notice-review-body')).toHaveValue('舒城县人民政府'); // the default, loaded
  await page.getByTestId('notice-review-body').fill('舒城县人民政府（复查）');
  await page.getByTestId('notice-settings-save').click();
  await expect(page.getByText('文书设置已保存')).toBeVisible();
  await api(page, 'notices.configure', { basis: Object.fromEntries(['accept', 'reject', 'extend', 'reply', 'transfer', 'handover'].map((k) => [k, basis(k)])) });

  const a = await seed(page, shift(-40), ['张三', '李四']);
  await step(page, a.matterId, 'accept', shift(-38));
  await step(page, a.matterId, 'extend', shift(-2), { days: 20, approver: '镇长' }, '需县自然资源局复核。');
  await step(page, a.matterId, 'reply', shift(-1), { facts: '补偿款已拨付到村。', basis: '征地补偿安置方案', decision: '由村委会于十日内发放。' });
  const b = await seed(page, shift(-5));
  await step(page, b.matterId, 'reject', shift(-4), { redirect: 'litigation', body: '舒城县人民法院' });
  const c = await seed(page, shift(-3));
  await step(page, c.matterId, 'transfer', shift(-2), { mode: '转送', unit: '舒城县自然资源和规划局' });

  const common = (text: string, no: string, kind: string) => {
    expect(text).toContain(no);
    expect(text).toContain(basis(kind));
    expect(text).toContain('舒城县张母桥镇人民政府');
    expect(text).toContain('联系单位：舒城县张母桥镇综治维稳信访工作中心；联系电话：0564-8621234。');
    expect(text).not.toMatch(/你（们）|。，|。。|\{|未编号/);
  };
  const accept = await printNotice(page, a.matterId, 'accept', 'notice-accept-official');
  common(accept, `张信受〔${YEAR}〕1号`, 'accept');
  expect(accept).toContain('张三、李四：你们于');
  await shoot(page, 'notice-accept-official');

  const extend = await printNotice(page, a.matterId, 'extend', 'notice-extend');
  common(extend, `张信延〔${YEAR}〕1号`, 'extend');
  expect(extend).toContain(`原定于${zh(shift(22))}前办结。因需县自然资源局复核，经镇长批准`);
  expect(extend).toContain(`办理期限延长20日，将于${zh(shift(42))}前办结`);

  const reply = await printNotice(page, a.matterId, 'reply', 'notice-reply');
  common(reply, `张信复〔${YEAR}〕1号`, 'reply');
  expect(reply).toContain('向舒城县人民政府（复查）请求复查');
  expect(reply).toContain('三、处理意见：由村委会于十日内发放。');

  const reject = await printNotice(page, b.matterId, 'reject', 'notice-reject');
  common(reject, `张信不受〔${YEAR}〕1号`, 'reject');
  expect(reject).toContain('张三：你于');
  expect(reject).toContain('请你依法向舒城县人民法院提出。');

  const transfer = await printNotice(page, c.matterId, 'transfer', 'notice-transfer');
  common(transfer, `张信转〔${YEAR}〕1号`, 'transfer');
  expect(transfer).toContain('将该事项转送舒城县自然资源和规划局办理');

  const handover = await printNotice(page, c.matterId, 'handover', 'notice-handover');
  common(handover, `张信交〔${YEAR}〕1号`, 'handover');
  expect(handover).toContain('舒城县自然资源和规划局：');
  expect(handover).toContain(`请于${zh(shift(1))}前签收`);

  // Printing again takes no new number.
  await page.goto(`${server.url}#/matters/${a.matterId}`);
  await page.getByTestId('notice-accept').click();
  await expect(page.getByTestId('notice-no')).toHaveText(`张信受〔${YEAR}〕1号`);
});

test('serve a 受理告知书: the service is on the matter page and its 送达回证 prints', async ({ page }) => {
  test.setTimeout(90_000); // two documents printed to PDF and rendered to images
  await openDesk(page, server);
  const { matterId, caseNo } = await seed(page, shift(-6));
  await step(page, matterId, 'accept', shift(-5));
  await page.goto(`${server.url}#/matters/${matterId}`);
  await page.getByTestId('notice-accept').click();
  await expect(page.getByTestId('notice-no')).toHaveText(`张信受〔${YEAR}〕1号`);
  await page.getByTestId('notice-back').click();

  const row = page.getByTestId('document-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`张信受〔${YEAR}〕1号`);
  await expect(row.getByTestId('document-service')).toHaveText('未登记送达');
  await row.getByRole('button', { name: '登记送达' }).click();
  const dialog = page.getByTestId('serve-dialog');
  await expect(dialog).toBeVisible();
  // A refusal needs a witness: refused with a message at the field, nothing saved.
  await dialog.getByTestId('serve-result').getByText('拒收').click();
  await dialog.getByTestId('serve-server').locator('input').fill('王接待');
  await page.getByTestId('serve-save').click();
  await expect(page.getByText('留置送达或拒收须填写见证人')).toBeVisible();
  await dialog.getByTestId('serve-result').getByText('签收').click();
  await page.getByTestId('serve-save').click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('document-service')).toContainText('当面送达 · 签收 · 受送达人 张三 · 送达人 王接待');
  // The service is an event on the matter.
  await expect(page.getByTestId('timeline-event').first()).toContainText('文书送达');
  await expect(page.getByTestId('timeline-event').first()).toContainText(`文号：张信受〔${YEAR}〕1号`);
  await shoot(page, 'matter-documents');

  await row.getByRole('button', { name: '送达回证' }).click();
  await expect(page.getByTestId('service-title')).toHaveText('送达回证');
  const text = await printed(page, 'service-sheet');
  expect(text).toContain('送达回证');
  expect(text).toContain('信访事项受理告知书');
  expect(text).toContain(`张信受〔${YEAR}〕1号`);
  expect(text).toContain(caseNo);
  expect(text).toContain('☑当面');
  expect(text).toContain('☑签收');
  expect(text).toContain('王接待');
  expect(text).toContain('舒城县张母桥镇人民政府');
  await shoot(page, 'service-sheet');

  // The whole registration on one sheet, IDs masked.
  await page.goto(`${server.url}#/matters/${matterId}`);
  await page.getByTestId('print-registration').click();
  await expect(page.getByTestId('registration-title')).toHaveText('信访事项登记表');
  const form = await printed(page, 'registration-form');
  expect(form).toContain(caseNo);
  expect(form).toContain('要求兑现征地补偿款');
  expect(form).toContain('张三');
  expect(form).toMatch(/身份证\d{4}\*+\d{3}[\dX]/);
});
