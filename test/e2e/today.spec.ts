import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from './server.js';
import { api, openDesk, shift, shoot, today } from './desk.js';
import { makeId } from '../helpers/ids.js';

let server: TestServer;
test.beforeEach(async () => {
  server = await startServer({ township: 'ZMQ' });
});
test.afterEach(async () => {
  await server.stop();
});

/** `minutes` ago, but never before today's midnight in Beijing (the queue is today's). */
const ago = (minutes: number, i: number) => {
  const start = Date.parse(`${today}T00:00:00+08:00`) + i * 1000;
  return new Date(Math.max(start, Date.now() - minutes * 60_000)).toISOString();
};

interface Registered {
  matterId: number;
  visitId: number;
  caseNo: string;
  personIds: number[];
}

/** The township's leaders, with today set to the 党委书记 so the test does not depend on the weekday. */
async function seedRoster(page: Page): Promise<void> {
  for (const l of [
    { name: '王建国', title: '党委书记', role: 'main' },
    { name: '李卫东', title: '镇长', role: 'main' },
    { name: '赵明', title: '副镇长', role: 'deputy' },
    { name: '钱芳', title: '党委副书记', role: 'deputy' },
  ]) {
    await api(page, 'leaders.save', l);
  }
  const leaders = await api<{ id: number; name: string }[]>(page, 'leaders.list', {});
  await api(page, 'roster.set', { date: today, leaderId: leaders.find((l) => l.name === '王建国')!.id, note: '' });
}

/** Three visitors today: one alone, a group that went to the province, a repeat visitor. */
async function seedVisitors(page: Page): Promise<{ zhang: Registered; group: Registered; repeat: Registered; zhangId: string }> {
  const zhangId = makeId('1968-03-15', 123);
  const zhang = await api<Registered>(page, 'visits.register', {
    participants: [{ person: { name: '张三', idNumber: zhangId, phones: ['13812345678'] } }],
    visit: { headcount: 1, involved: 1, visitedAt: ago(42, 0) },
    matter: { purpose: '申诉求决', category: '国土资源水利林业', tags: ['征地拆迁'], request: '征地补偿款至今未兑现，要求尽快发放到户' },
  });
  const group = await api<Registered>(page, 'visits.register', {
    participants: ['李四', '周五', '吴六', '郑七', '冯八'].map((name, i) => ({
      person: { name, idNumber: makeId('1975-06-0' + (i + 1), 200 + i * 2) },
      representative: i < 2,
    })),
    visit: { headcount: 6, involved: 35, visitedAt: ago(25, 1) },
    matter: {
      purpose: '申诉求决',
      category: '城乡建设',
      request: '老街改造安置房迟迟不能交付，要求明确交房时间',
      levelSkips: [{ level: 'province' }],
    },
  });
  const first = await api<Registered>(page, 'visits.register', {
    participants: [{ person: { name: '王五', idNumber: makeId('1958-11-20', 311) } }],
    visit: { headcount: 1, involved: 1, visitedAt: `${shift(-20)}T09:30:00+08:00` },
    matter: { purpose: '申诉求决', category: '劳动社保', request: '养老保险待遇核定有误，要求重新核定' },
  });
  const repeat = await api<Registered>(page, 'visits.register', {
    participants: [{ person: { personId: first.personIds[0] } }],
    visit: { headcount: 1, involved: 1, visitedAt: ago(6, 2) },
    matter: { existingId: first.matterId },
  });
  return { zhang, group, repeat, zhangId };
}

/** Screenshots show the page, not the toasts of the last action. */
async function calm(page: Page): Promise<void> {
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 10_000 });
  await expect(page.locator('.el-overlay:visible')).toHaveCount(0);
}

async function addInstruction(page: Page, text: string, responsible: string, due?: string): Promise<void> {
  const form = page.getByTestId('instruction-form');
  await form.getByTestId('instr-text').locator('textarea').fill(text);
  await form.getByTestId('instr-responsible').locator('input').fill(responsible);
  if (due) {
    const date = form.getByTestId('instr-due').locator('input');
    await date.fill(due);
    await date.press('Enter');
  }
  await page.getByTestId('instr-add').click();
}

test('the duty leader receives one of three visitors and gives two instructions that become tracked work', async ({ page }) => {
  await openDesk(page, server);
  await seedRoster(page);
  const { zhang, repeat, zhangId } = await seedVisitors(page);

  await page.goto(`${server.url}#/today`);
  await expect(page.getByTestId('duty-leader')).toHaveText('带班领导：党委书记 王建国');
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('张三');
  await expect(rows.nth(1)).toContainText('李四、周五等（6 人）');
  await expect(rows.nth(1)).toContainText('集体访');
  await expect(rows.nth(1)).toContainText('越级');
  await expect(rows.nth(2)).toContainText('王五');
  await expect(rows.nth(2)).toContainText('重复访');
  await expect(page.getByTestId('today-counts')).toHaveText(/等候 3 · 接待中 0 · 已接待 0/);
  await expect(page.getByTestId('visitor-names')).toHaveText('张三'); // the first waiting visitor is up
  await shoot(page, 'today-queue');

  await rows.nth(2).click();
  await expect(page.getByTestId('visitor')).toContainText('重复访 · 第 2 次');
  await expect(page.getByTestId('visitor-past')).toHaveText('此前来访 1 次。');
  await rows.nth(0).click();
  await page.getByTestId('reception-start').click();
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'receiving');
  await page.getByTestId('reception-heard').locator('textarea').fill('2019年征地，补偿款村里一直未发放到户');
  await page.getByTestId('reception-answered').locator('textarea').fill('当场责成国土所核实，七日内答复');
  await addInstruction(page, '一周内核实补偿款发放情况，书面报告', '国土所');
  await expect(page.getByTestId('instruction')).toHaveCount(1);
  // No date typed: the setting's 7 days, inside the matter's 15-day decision deadline.
  const given = await api<{ text: string; dueDate: string }[]>(page, 'instructions.list', {});
  expect(given.find((i) => i.text.startsWith('一周内核实'))?.dueDate).toBe(shift(7));
  await addInstruction(page, '村里做好解释工作，配合核实', '东风村 李主任', shift(7));
  await expect(page.getByTestId('instruction')).toHaveCount(2);
  await page.getByTestId('reception-finish').click();
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('today-counts')).toHaveText(/等候 2 · 接待中 0 · 已接待 1/);
  await expect(page.getByTestId('reception-record')).toContainText('当场责成国土所核实');
  await calm(page);
  await shoot(page, 'today-received');

  // The matter's history: the reception and both instructions, in the leader's name.
  await page.getByTestId('visitor-matter').click();
  await expect(page.getByTestId('detail-case-no')).toHaveText(zhang.caseNo);
  await expect(page.getByTestId('detail-state')).toHaveText('待受理'); // instructions do not move the handling state
  const timeline = page.getByTestId('timeline-event');
  await expect(timeline.filter({ hasText: '领导批示' })).toHaveCount(2);
  await expect(timeline.filter({ hasText: '领导接访' })).toContainText('接访领导：党委书记 王建国');
  await expect(timeline.filter({ hasText: '责任：国土所' })).toContainText('批示领导：党委书记 王建国');
  await expect(timeline.filter({ hasText: '东风村 李主任' })).toContainText(`期限：${shift(7)}`);

  // The responsible person's list.
  await page.goto(`${server.url}#/instructions?responsible=${encodeURIComponent('国土所')}`);
  await expect(page.getByTestId('instr-title')).toHaveText('国土所的批示');
  const list = page.getByTestId('instr-row');
  await expect(list).toHaveCount(1);
  await expect(list).toContainText('一周内核实补偿款发放情况');
  await expect(list).toContainText(zhang.caseNo);
  await list.getByTestId('instr-note').click();
  await page.getByTestId('instr-note-text').locator('textarea').fill('已约谈村会计，正在核对名册');
  await page.getByTestId('instr-note-save').click();
  await expect(list).toContainText('跟进：已约谈村会计，正在核对名册');
  await calm(page);
  await shoot(page, 'instructions');

  // The person's whole history, masked until 显示 is pressed.
  await page.goto(`${server.url}#/persons/${zhang.personIds[0]}`);
  await expect(page.getByTestId('person-id')).toHaveText(`${zhangId.slice(0, 4)}**********${zhangId.slice(-4)}`);
  await expect(page.getByTestId('person-phone')).toHaveText('138****5678');
  const items = page.getByTestId('history-item');
  await expect(items.first()).toContainText('批示跟进');
  await expect(items.filter({ hasText: '领导批示' })).toHaveCount(2);
  await expect(items.filter({ hasText: '来访（走访）' })).toContainText('听取：2019年征地');
  await calm(page);
  await shoot(page, 'person-history');
  await page.getByTestId('person-reveal').click();
  // The full number needs a stated reason (kept in the audit entry); Enter submits it.
  await expect(page.getByTestId('reveal-reason')).toBeFocused();
  await page.keyboard.type('核实身份后寄送告知书');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('person-id')).toHaveText(zhangId);
  await expect(page.getByTestId('person-phone')).toHaveText('13812345678');

  // The repeat visitor's earlier matter shows on their history too.
  await page.goto(`${server.url}#/persons/${repeat.personIds[0]}`);
  await expect(page.getByTestId('history-item').filter({ hasText: '来访（走访）' })).toHaveCount(2);
});

test('prints the day sheet (接访登记表) of the day’s receptions on one A4 page', async ({ page }) => {
  await openDesk(page, server);
  await seedRoster(page);
  const { zhang } = await seedVisitors(page);
  await api(page, 'reception.start', { visitId: zhang.visitId });
  await api(page, 'instructions.add', { matterId: zhang.matterId, visitId: zhang.visitId, text: '一周内核实补偿款发放情况', responsible: '国土所' });
  await api(page, 'reception.save', { visitId: zhang.visitId, heard: '补偿款未到户', answered: '责成国土所核实', finish: true });

  await page.goto(`${server.url}#/today`);
  await page.getByTestId('today-sheet').click();
  await expect(page.getByTestId('day-sheet-row')).toHaveCount(3);
  await expect(page.getByTestId('day-sheet-duty')).toHaveText('带班领导：党委书记 王建国');
  await shoot(page, 'day-sheet');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: 'test-results/day-sheet.pdf', format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['test-results/day-sheet.pdf', '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('领导接访登记表');
  expect(text).toContain('舒城县张母桥镇综治维稳信访工作中心');
  expect(text).toContain('听取：补偿款未到户');
  expect(text).toContain('批示：一周内核实补偿款发放情况（国土所');
  expect(text).not.toContain('返回今日接访');
  expect(execFileSync('pdfinfo', ['test-results/day-sheet.pdf'], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
});

test('the admin keeps the leaders and changes a day of the month’s roster; the frame follows', async ({ page }) => {
  await openDesk(page, server);
  await seedRoster(page);
  await page.goto(`${server.url}#/admin/roster`);
  await expect(page.getByTestId('leader-row')).toHaveCount(4);
  const cell = page.getByTestId(`roster-${today}`);
  await expect(cell).toContainText('王建国');
  await expect(cell).toContainText('已调整');

  await page.getByTestId('leader-name').fill('孙强');
  await page.getByTestId('leader-title').fill('副镇长');
  await page.getByTestId('leader-save').click();
  await expect(page.getByTestId('leader-row')).toHaveCount(5);

  await cell.click();
  await page.getByTestId('roster-choice').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '副镇长 孙强' }).click();
  await page.getByTestId('roster-set').click();
  await expect(cell).toContainText('孙强');
  await expect(page.getByTestId('duty-leader')).toHaveText('带班领导：副镇长 孙强');
  await calm(page);
  await shoot(page, 'roster');
});
