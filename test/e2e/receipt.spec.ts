import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import QRCode from 'qrcode';
import { startServer, type TestServer } from './server.js';
import { makeId } from '../helpers/ids.js';
import { api, openDesk } from './desk.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterAll(async () => {
  await server.stop();
});

const CENTER = '舒城县张母桥镇综治维稳信访工作中心';

interface Registered {
  matterId: number;
  caseNo: string;
  decisionDue: string;
}
interface ReceiptValue {
  registeredAt: string;
  check: string;
  qrText: string;
}

async function register(page: Page, name: string, seq: number): Promise<Registered> {
  return api<Registered>(page, 'visits.register', {
    participants: [{ person: { name, idNumber: makeId('1968-03-15', seq) } }],
    visit: { headcount: 1, involved: 1 },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: '要求兑现征地补偿款' },
  });
}

/** YYYY-MM-DD → YYYY年MM月DD日, straight from the digits. */
const zhDate = (d: string): string => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** An ISO instant as Beijing time (UTC+8, no DST), computed independently of the page's Intl code. */
function zhDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString(); // YYYY-MM-DDTHH:mm
  return `${zhDate(t.slice(0, 10))} ${t.slice(11, 16)}`;
}

test('the receipt shows the matter, prints on one A4 page and its QR code carries the check', async ({ page }) => {
  await openDesk(page, server);
  await api(page, 'system.configure', { phone: '0564-8621234' });
  const reg = await register(page, '张三', 123);
  expect(reg.caseNo).not.toBe('');
  const due = zhDate(reg.decisionDue);

  await page.goto(`${server.url}#/receipt/${reg.matterId}`);
  await expect(page.getByTestId('receipt-case-no')).toHaveText(reg.caseNo);
  await expect(page.getByTestId('receipt-center')).toHaveText(CENTER);
  await expect(page.getByTestId('receipt-due')).toHaveText(`本中心将于 ${due} 前书面告知是否受理`);
  await expect(page.getByTestId('receipt-persons')).toHaveText('张三');
  await expect(page.getByTestId('receipt-phone')).toHaveText('0564-8621234');
  await expect(page.getByTestId('receipt')).toContainText('申诉求决');
  await expect(page.getByTestId('receipt')).toContainText('国土资源水利林业');
  await expect(page.getByTestId('receipt')).toContainText('请妥善保管本回执，凭案件编号查询办理进度。');

  // The same receipt the page asked the core for: time, check value and QR text.
  const receipt = await api<ReceiptValue>(page, 'matters.receipt', { matterId: reg.matterId });
  await expect(page.getByTestId('receipt-registered')).toHaveText(zhDateTime(receipt.registeredAt));
  expect(receipt.check).toMatch(/^[0-9A-F]{8}$/);
  await expect(page.getByTestId('receipt-check')).toHaveText(`校验码 ${receipt.check}`);
  expect(receipt.qrText).toContain(reg.caseNo);
  expect(receipt.qrText).toContain(receipt.check);

  // The QR image loaded and is the code of exactly that text.
  const qr = page.getByTestId('receipt-qr');
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const src = (await qr.getAttribute('src')) ?? '';
  const prefix = 'data:image/svg+xml;charset=utf-8,';
  expect(src.startsWith(prefix)).toBe(true);
  const expectedSvg = await QRCode.toString(receipt.qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  expect(decodeURIComponent(src.slice(prefix.length))).toBe(expectedSvg);

  // Keyboard first: the print button has the focus.
  await expect(page.getByTestId('receipt-print')).toBeFocused();

  fs.mkdirSync('test-results/screenshots', { recursive: true });
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test-results/screenshots/receipt-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // Print to PDF: the text is all there, the toolbar is not, and it is one A4 page.
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: 'test-results/receipt.pdf', format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['test-results/receipt.pdf', '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ''); // letter-spacing may make pdftotext split characters
  expect(flat).toContain(reg.caseNo);
  expect(flat).toContain(CENTER);
  expect(flat).toContain('信访事项登记回执');
  expect(flat).toContain(`本中心将于${due}前书面告知是否受理`);
  expect(flat).toContain('0564-8621234');
  expect(flat).toContain(`校验码${receipt.check}`);
  expect(flat).not.toContain('返回登记');
  expect(flat).not.toContain('打印');
  const info = execFileSync('pdfinfo', ['test-results/receipt.pdf'], { encoding: 'utf8' });
  expect(info).toMatch(/^Pages:\s+1$/m);
  expect(info).toMatch(/^Page size:.*\(A4\)/m);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', 'test-results/receipt.pdf', 'test-results/screenshots/receipt-pdf']);
  await page.emulateMedia({ media: 'screen' });

  // Esc goes back to the registration page.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/intake$/);
});

test('without a center phone the receipt leaves a line to fill in by hand', async ({ page }) => {
  await openDesk(page, server);
  await api(page, 'system.configure', { phone: '' });
  const reg = await register(page, '李四', 456);
  await page.goto(`${server.url}#/receipt/${reg.matterId}`);
  await expect(page.getByTestId('receipt-case-no')).toHaveText(reg.caseNo);
  const phone = page.getByTestId('receipt-phone');
  await expect(phone).toHaveText('');
  const line = await phone.evaluate((el) => {
    const s = getComputedStyle(el);
    return { width: el.getBoundingClientRect().width, border: s.borderBottomStyle };
  });
  expect(line.border).toBe('solid');
  expect(line.width).toBeGreaterThan(100);
});

test('a receipt for a matter that does not exist says so in Chinese', async ({ page }) => {
  await openDesk(page, server, '#/receipt/987654');
  await expect(page.getByTestId('receipt-error')).toContainText('未找到该信访事项');
  await expect(page.getByTestId('receipt-case-no')).toHaveCount(0);
  await expect(page.getByTestId('receipt-print')).toBeDisabled();
  await expect(page.getByTestId('receipt-back')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/intake$/);
});
