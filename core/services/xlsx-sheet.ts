/**
 * A report's worksheet as every workbook of ours starts one (统计研判, the county's 通报): A4 landscape,
 * fitted to the page's width, a bold title row, then a shaded header row and the columns' widths.
 */
import ExcelJS from 'exceljs';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F6F8' } };

export function reportSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: { header: string; width: number }[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([title]).font = { bold: true, size: 13 };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  return ws;
}
