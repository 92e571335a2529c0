/**
 * The county's 通报 as an Excel workbook (exceljs): the ranking of the 22 townships for the period and
 * the county-wide 督查督办 lists, with the same numbers as the page and the printed 通报 (the standing
 * and supervision DTOs are the one source). No personal data: townships, figures and case numbers.
 */
import ExcelJS from 'exceljs';
import { reportSheet } from './xlsx-sheet.js';
import type { FigureValue } from '../domain/views/stats.js';
import type { StandingDto, SupervisionDto, SupervisionRowDto } from '../domain/views/county.js';

const rate = (v: FigureValue | undefined): number | null => v?.value ?? null;

export function countyWorkbook(countyName: string, s: StandingDto, v: SupervisionDto): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访接待台（县信访局）';
  wb.created = new Date(`${v.today}T00:00:00+08:00`);
  const title = (what: string) => `${countyName} ${s.period.label}（${s.period.from} 至 ${s.period.to}）${what}`;

  const rank = reportSheet(wb, '排名', title('各乡镇工作排名'), [
    { header: '名次', width: 6 }, { header: '乡镇', width: 12 }, { header: '三无', width: 6 }, { header: '零上访村占比', width: 12 },
    ...s.columns.map((c) => ({ header: c.label, width: Math.max(10, c.label.length * 2) })),
    { header: '交办件', width: 8 }, { header: '已化解', width: 8 }, { header: '最近数据包', width: 10 },
  ]);
  for (const r of s.rows) {
    const row = rank.addRow([
      r.rank, r.name, r.imported ? (r.sanwu ? '是' : '否') : '未报送', r.zeroVillages?.share ?? null,
      ...s.columns.map((c) => rate(r.figures[c.id])), r.imported ? r.handedDown : null, r.imported ? r.handedResolved : null, r.lastSequence,
    ]);
    row.getCell(4).numFmt = '0.0%';
    s.columns.forEach((_, i) => (row.getCell(5 + i).numFmt = '0.0%'));
  }
  const t = s.totals;
  const total = rank.addRow([null, '全县', `${t.sanwuMet}/${t.imported}`, t.zeroVillages.share, ...s.columns.map((c) => rate(t.figures[c.id])), t.handedDown, t.handedResolved, null]);
  total.font = { bold: true };
  total.getCell(4).numFmt = '0.0%';
  s.columns.forEach((_, i) => (total.getCell(5 + i).numFmt = '0.0%'));

  const list = (name: string, what: string, rows: readonly SupervisionRowDto[]) => {
    const ws = reportSheet(wb, name, `${countyName} ${what}（截至 ${v.today}）`, [
      { header: '乡镇', width: 12 }, { header: '案件编号', width: 20 }, { header: '类别', width: 16 }, { header: '登记日期', width: 12 },
      { header: '状态', width: 10 }, { header: '期限', width: 10 }, { header: '到期日', width: 12 }, { header: what.includes('逾期') ? '逾期天数' : '剩余天数', width: 10 }, { header: '责任单位', width: 16 },
    ]);
    for (const r of rows) ws.addRow([r.townshipName, r.caseNo, r.category, r.registeredOn, r.state, r.dueKind, r.nextDue, Math.abs(r.daysOver), r.unit ?? '']);
  };
  list('逾期', '逾期未办结事项', v.overdue);
  list('临期', '三日内到期事项', v.dueSoon);
  return wb;
}
