/**
 * The national record export (issue 16, item 5): the matters of the 信访事项 list (the same filters)
 * as an xlsx workbook in the national record's column order (core/domain/national-record.ts), so a
 * matter is copied into the national system rather than typed again. A job, as the list's own export;
 * ID numbers are masked (first 4, last 4), phones are not exported, an anonymous matter names nobody.
 */
import type { CoreContext } from '../kernel/context.js';
import type { JobDto } from '../domain/views/jobs.js';
import { STATE_LABELS, type CaseState } from '../domain/case-state.js';
import { SKIP_LEVELS, type SkipLevel } from '../domain/categories.js';
import { NATIONAL_COLUMNS, nationalCells, type NationalRow } from '../domain/national-record.js';
import { nationalRowsByIds } from '../store/matter-record.js';
import { today } from './calendar.js';
import { listMatters, type MatterListFilter } from './matter-list.js';
import { EXPORT_LIMIT } from './matter-export.js';
import { startJob } from './jobs.js';

export const NATIONAL_SHEET = '信访事项登记（全国信访信息系统）';

/** The rows of the export, in the list's order. */
export function nationalRows(ctx: CoreContext, filters: Omit<MatterListFilter, 'limit'>): NationalRow[] {
  const ids = listMatters(ctx, { ...filters, limit: EXPORT_LIMIT }).map((r) => r.id);
  return nationalRowsByIds(ctx.db, ids).map(({ state, skips, ...r }) => ({
    ...r,
    skips: skips ? skips.split(',').map((l) => SKIP_LEVELS[l as SkipLevel] ?? l).join('、') : '',
    stateLabel: STATE_LABELS[state as CaseState] ?? state,
  }));
}

export async function nationalWorkbook(ctx: CoreContext, filters: Omit<MatterListFilter, 'limit'>): Promise<{ buffer: Buffer; rows: number }> {
  const rows = nationalRows(ctx, filters);
  const t = today(ctx);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访接待台';
  wb.created = ctx.clock.now();
  const ws = wb.addWorksheet(NATIONAL_SHEET.slice(0, 31));
  ws.columns = NATIONAL_COLUMNS.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(nationalCells(r, t));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}

export function startNationalExport(ctx: CoreContext, startedBy: string, filters: Omit<MatterListFilter, 'limit'>): JobDto {
  return startJob(ctx, { kind: 'matters.exportNational', startedBy, cancellable: false }, async (job) => {
    job.progress(0, null, 'rows');
    const { buffer, rows } = await nationalWorkbook(ctx, filters);
    const stamp = ctx.clock.now().toISOString().slice(0, 10);
    return { fileName: `全国信访信息系统登记项-${stamp}.xlsx`, rows, base64: buffer.toString('base64') };
  });
}
