// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobDto, XlsxFileDto } from '../../core/api/contract';
import { lastMonth, rangeOf, showChange, showValue, type Pick } from '../../renderer/src/stats-periods';
import { useXlsxExport } from '../../renderer/src/composables/use-xlsx-export';
import { installBridge, ok } from './fake-bridge';

afterEach(() => delete window.intake);

const pick = (p: Partial<Pick>): Pick => ({ kind: 'month', month: '2026-02', year: '2026', part: 1, range: ['2026-01-05', '2026-03-10'], ...p });

describe('the 统计研判 picker', () => {
  it('turns each kind into the from–to the core reads back as that period', () => {
    expect(rangeOf(pick({ kind: 'month', month: '2024-02' }))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(rangeOf(pick({ kind: 'quarter', year: '2026', part: 4 }))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(rangeOf(pick({ kind: 'half', year: '2026', part: 2 }))).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(rangeOf(pick({ kind: 'year', year: '2025' }))).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(rangeOf(pick({ kind: 'range' }))).toEqual({ from: '2026-01-05', to: '2026-03-10' });
    expect([lastMonth('2026-01-15'), lastMonth('2026-12-02')]).toEqual(['2025-12', '2026-11']);
  });

  it('shows rates, averages and the change against another period', () => {
    expect(showValue('ratio', { num: 6, den: 7, value: 6 / 7 })).toBe('85.7%');
    expect(showValue('ratio', { num: 0, den: 0, value: null })).toBe('—');
    expect(showValue('average', { num: 26, den: 3, value: 26 / 3 })).toBe('8.7 天');
    expect(showChange('ratio', { value: 0.9 }, { value: 0.85 })).toEqual({ text: '+5.0 个百分点', sign: 1 });
    expect(showChange('count', { value: 8 }, { value: 10 })).toEqual({ text: '-2（-20%）', sign: -1 });
  });
});

describe('Excel export', () => {
  it('starts the job, waits for the workbook and downloads it', async () => {
    const job = { id: '11111111-1111-4111-8111-111111111111', state: 'running' } as JobDto;
    const answers: XlsxFileDto[] = [
      { state: 'running', fileName: null, base64: null, error: null },
      { state: 'done', fileName: '统计研判-2026年10月.xlsx', base64: btoa('PK'), error: null },
    ];
    const bridge = installBridge({ 'stats.exportXlsx': () => ok(job), 'stats.exportFile': () => ok(answers.shift()!) });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const x = useXlsxExport();
    await expect(x.run({ from: '2026-10-01', to: '2026-10-31', only: 'figures' })).resolves.toBe('统计研判-2026年10月.xlsx');
    expect(bridge.inputsOf('stats.exportXlsx')).toEqual([{ from: '2026-10-01', to: '2026-10-31', only: 'figures' }]);
    expect(bridge.inputsOf('stats.exportFile')).toHaveLength(2);
    expect(click).toHaveBeenCalledTimes(1);
    expect(x.error.value).toBe('');
  });
});
