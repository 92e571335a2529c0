// @vitest-environment happy-dom
import { createTestingPinia } from '@pinia/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import type { AuditRowDto, AuditVerifyDto } from '../../core/api/contract';
import Audit from '../../renderer/src/pages/admin/Audit.vue';
import { installBridge, ok, settle } from './fake-bridge';

const chain: AuditVerifyDto = {
  ok: true, entries: 3, head: 'h', brokenAt: null, checkpoints: 0, lastCheckpoint: null, cutAfter: null, badCheckpoint: null, unsigned: 3, signers: [], problem: null,
};
const row: AuditRowDto = {
  id: 3, at: '2026-11-24T01:00:00.000Z', actor: 'wang', action: 'persons.reveal', target: 'person:4', outcome: 'ok', detail: '核实身份后寄送告知书',
  actionLabel: '查看完整证件号或电话', outcomeLabel: '成功', targetLabel: '来访人 4', hash: 'h',
};

afterEach(() => delete window.intake);

describe('Audit screen', () => {
  it('shows a reveal’s stated reason, and a 提醒 list of users who hit the hourly limit or revealed unusually many', async () => {
    installBridge({
      'audit.list': () => ok([row]),
      'audit.verify': () => ok(chain),
      'audit.alerts': () =>
        ok({
          perHour: 20,
          days: 30,
          users: [
            { actor: 'wang', reveals: 20, refused: 2, busiestDay: '2026-11-24', busiestDayReveals: 20, lastAt: '2026-11-24T02:00:00.000Z', why: 'limit' as const },
            { actor: 'zhao', reveals: 25, refused: 0, busiestDay: '2026-11-23', busiestDayReveals: 22, lastAt: '2026-11-23T08:00:00.000Z', why: 'many' as const },
          ],
        }),
    });
    const page = mount(Audit, { global: { plugins: [ElementPlus, createTestingPinia({ createSpy: vi.fn, stubActions: false })] } });
    await settle();
    await settle();
    const alerts = page.findAll('[data-testid="audit-alert"]').map((li) => li.text());
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toContain('wang');
    expect(alerts[0]).toContain('2 次因超过每小时 20 次的上限被拒绝');
    expect(alerts[1]).toContain('查看次数异常：2026-11-23 一天查看 22 次');
    expect(page.get('[data-testid="audit-alerts"]').text()).toContain('提醒');
    expect(page.get('[data-testid="audit-table"]').text()).toContain('核实身份后寄送告知书');
  });

  it('no 提醒 when nobody is over', async () => {
    installBridge({ 'audit.list': () => ok([]), 'audit.verify': () => ok(chain), 'audit.alerts': () => ok({ perHour: 20, days: 30, users: [] }) });
    const page = mount(Audit, { global: { plugins: [ElementPlus, createTestingPinia({ createSpy: vi.fn, stubActions: false })] } });
    await settle();
    await settle();
    expect(page.find('[data-testid="audit-alerts"]').exists()).toBe(false);
  });
});
