/**
 * The 信访事项 list as an xlsx workbook (exceljs), as a job: the same filters as the page, up to
 * EXPORT_LIMIT rows; the result carries the file (base64), small enough for one answer. Names appear
 * as on the page; ID numbers and phones are not exported.
 */
import type { CoreContext } from '../kernel/context.js';
import type { JobDto } from '../domain/views/jobs.js';
import { listMatters, type MatterListFilter } from './matter-list.js';
import { startJob } from './jobs.js';

export const EXPORT_LIMIT = 5000;

/** YYYY-MM-DD HH:mm in Beijing time. */
const beijing = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export const EXPORT_COLUMNS = ['案件编号', '登记时间', '信访人', '内容分类', '诉求', '办理状态', '下一期限', '剩余天数', '责任单位', '承办人', '包案领导'] as const;

export async function matterWorkbook(ctx: CoreContext, filters: Omit<MatterListFilter, 'limit'>): Promise<{ buffer: Buffer; rows: number }> {
  const rows = listMatters(ctx, { ...filters, limit: EXPORT_LIMIT });
  // Loaded on first export only: exceljs is large, and every core thread would pay for it at start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访接待台';
  wb.created = ctx.clock.now();
  const ws = wb.addWorksheet('信访事项');
  ws.columns = EXPORT_COLUMNS.map((header, i) => ({ header, key: String(i), width: [20, 18, 16, 16, 50, 12, 22, 10, 16, 10, 10][i] }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    ws.addRow([
      r.caseNo,
      beijing(r.registeredAt),
      r.persons,
      r.category,
      r.request,
      r.stateLabel,
      r.nextDue ? `${r.nextDueKind === 'decide' ? '受理告知' : '答复'} ${r.nextDue}` : '',
      r.daysLeft ?? '',
      r.unit ?? '',
      r.handler ?? '',
      r.leader ?? '',
    ]);
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}

export function startMatterExport(ctx: CoreContext, startedBy: string, filters: Omit<MatterListFilter, 'limit'>): JobDto {
  return startJob(ctx, { kind: 'matters.export', startedBy, cancellable: false }, async (job) => {
    job.progress(0, null, 'rows');
    const { buffer, rows } = await matterWorkbook(ctx, filters);
    const stamp = ctx.clock.now().toISOString().slice(0, 10);
    return { fileName: `信访事项清单-${stamp}.xlsx`, rows, base64: buffer.toString('base64') };
  });
}
