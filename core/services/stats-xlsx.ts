/**
 * The report as an Excel workbook (exceljs): every table of 统计研判 as a sheet, with the same numbers
 * the page and the printed report show (the report DTO is the one source). Personal data only as the
 * lists show it: names, and ID numbers masked.
 */
import ExcelJS from 'exceljs';
import { reportSheet } from './xlsx-sheet.js';
import type { FigureMattersDto, FigureValue, StatsReportDto } from '../domain/views/stats.js';

export const SHEETS = ['figures', 'sanwu', 'villages', 'breakdowns', 'batches', 'trend', 'overdue'] as const;
export type SheetId = (typeof SHEETS)[number];

/** A rate as a number formatted 0.0%, a count as an integer, an average with one decimal. */
function valueCell(ws: ExcelJS.Worksheet, row: ExcelJS.Row, col: number, v: FigureValue, kind: string): void {
  const cell = row.getCell(col);
  cell.value = v.value;
  if (kind === 'ratio') cell.numFmt = '0.0%';
  if (kind === 'average') cell.numFmt = '0.0';
  void ws;
}

/** Percentage points (rates) or plain difference; null when either side is unknown. */
const change = (a: FigureValue, b: FigureValue): number | null => (a.value === null || b.value === null ? null : a.value - b.value);

export function reportWorkbook(r: StatsReportDto, only?: SheetId, list?: FigureMattersDto): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访接待台';
  wb.created = new Date(`${r.today}T00:00:00+08:00`);
  const title = (what: string) => `${r.scopeName} ${r.period.label}（${r.period.from} 至 ${r.period.to}）${what}`;
  const want = (s: SheetId) => !list && (only === undefined || only === s);

  if (want('figures')) {
    const ws = reportSheet(wb, '指标', title('统计指标'), [
      { header: '指标', width: 24 }, { header: '本期', width: 10 }, { header: '分子', width: 8 }, { header: '分母', width: 8 },
      { header: `上期（${r.previous.label}）`, width: 18 }, { header: '环比变化', width: 10 },
      { header: `去年同期（${r.yearAgo.label}）`, width: 18 }, { header: '同比变化', width: 10 },
      { header: '分子含义', width: 36 }, { header: '分母含义', width: 30 },
    ]);
    for (const f of r.figures) {
      const row = ws.addRow([f.label, null, f.current.num, f.current.den, null, change(f.current, f.previous), null, change(f.current, f.yearAgo), f.numLabel, f.denLabel ?? '']);
      valueCell(ws, row, 2, f.current, f.kind);
      valueCell(ws, row, 5, f.previous, f.kind);
      valueCell(ws, row, 7, f.yearAgo, f.kind);
      for (const c of [6, 8]) row.getCell(c).numFmt = f.kind === 'ratio' ? '+0.0%;-0.0%;0.0%' : '+0.0;-0.0;0';
    }
  }
  if (want('sanwu')) {
    const ws = reportSheet(wb, '三无', title(`“三无”：${r.sanwu.met ? '达标' : '未达标'}`), [
      { header: '条件 / 案件编号', width: 24 }, { header: '件数 / 登记日期', width: 14 }, { header: '类别', width: 14 }, { header: '当事人', width: 16 }, { header: '身份证号', width: 22 }, { header: '触及条件', width: 30 },
    ]);
    for (const c of r.sanwu.conditions) ws.addRow([c.label, c.broken]);
    if (r.sanwu.breakers.length) ws.addRow([]);
    for (const b of r.sanwu.breakers) ws.addRow([b.caseNo, b.registeredOn, b.category, b.persons, b.idMasked ?? '', b.conditions.join('、')]);
  }
  if (want('villages')) {
    const v = r.villages;
    const ws = reportSheet(wb, '零上访村', title(`零上访村 ${v.zero}/${v.total}`), [{ header: '村/社区', width: 22 }, { header: '登记事项（件）', width: 16 }, { header: '零上访', width: 10 }]);
    const share = ws.addRow(['零上访村占比', v.share]);
    share.getCell(2).numFmt = '0.0%';
    for (const w of v.withPetitions) ws.addRow([w.name, w.n, '否']);
    for (const name of v.zeroNames) ws.addRow([name, 0, '是']);
  }
  if (want('breakdowns')) {
    for (const b of r.breakdowns) {
      const ws = reportSheet(wb, b.label.replace(/[（）/]/g, '').slice(0, 28), title(b.label), [
        { header: '项目', width: 26 }, { header: '本期（件）', width: 12 }, { header: '上期', width: 10 }, { header: '去年同期', width: 10 },
      ]);
      for (const row of b.rows) ws.addRow([row.label, row.n, row.previous, row.yearAgo]);
    }
  }
  if (want('batches')) {
    const ws = reportSheet(wb, '交办件', title('交办件（按批次）'), [{ header: '批次', width: 30 }, { header: '交办（件）', width: 12 }, { header: '已化解（件）', width: 12 }]);
    for (const b of r.batches) ws.addRow([b.batch, b.handedDown, b.resolved]);
  }
  if (want('trend')) {
    const ws = reportSheet(wb, '月度趋势', `${r.scopeName} 近 12 个月`, [{ header: '月份', width: 12 }, { header: '登记事项', width: 12 }, { header: '来访批次', width: 12 }, { header: '重复信访', width: 12 }]);
    for (const t of r.trend) ws.addRow([t.month, t.registered, t.visits, t.repeatVisits]);
  }
  if (want('overdue')) {
    const ws = reportSheet(wb, '超期事项', `${r.scopeName} 截至 ${r.today} 超期未办事项`, [
      { header: '案件编号', width: 20 }, { header: '类别', width: 14 }, { header: '登记日期', width: 12 }, { header: '状态', width: 12 }, { header: '期限', width: 12 }, { header: '事项', width: 10 }, { header: '责任单位', width: 16 }, { header: '超期天数', width: 10 },
    ]);
    for (const o of r.overdue) ws.addRow([o.caseNo, o.category, o.registeredOn, o.state, o.nextDue, o.dueKind, o.unit ?? '', o.daysOver]);
  }
  if (list) {
    const ws = reportSheet(wb, '事项清单', `${r.scopeName} ${list.title}（共 ${list.total} 件${list.truncated ? `，列出前 ${list.rows.length} 件` : ''}）`, [
      { header: '案件编号', width: 20 }, { header: '登记日期', width: 12 }, { header: '类别', width: 14 }, { header: '问题发生地', width: 16 }, { header: '状态', width: 12 }, { header: '责任单位', width: 16 }, { header: '当事人', width: 18 }, { header: '身份证号', width: 22 }, { header: '信访形式', width: 16 },
    ]);
    for (const m of list.rows) ws.addRow([m.caseNo, m.registeredOn, m.category, m.village ?? '', m.state, m.unit ?? '', m.persons, m.idMasked ?? '', m.channel]);
  }
  return wb;
}

export async function workbookBase64(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
