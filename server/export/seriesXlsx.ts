import { columnsOf, formatJst } from '../../shared/export/table';
import { summarizeSeries, type SeriesSession } from '../../shared/export/series';
import { addNotesSheet, fitted, HEADER_FILL, sheetName, writeWorkbook, type Cell, type Writer } from './xlsx';

export const SUMMARY_SHEET = '集計';

function addSeriesSummary(wb: Writer, name: string, title: string, sessions: readonly SeriesSession[], exportedAt: number): void {
  const s = summarizeSeries(sessions);
  const header: Cell[] = ['分類', ...sessions.map((x) => x.title), '合計'];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const lines: Cell[][] = [
    ['シリーズ', title],
    ['出力日時（日本時間）', formatJst(exportedAt)],
    ['回数', sessions.length],
    ['付箋の総数', sum(s.totals)],
    [],
    header,
    ...s.categories.map((c) => [c.label, ...s.counts[c.id]!, sum(s.counts[c.id]!)]),
    ['合計', ...s.totals, sum(s.totals)],
  ];
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1 }] });
  sheet.columns = fitted(lines, 40).map((width, i) => ({ width, style: i === 0 ? { font: { bold: true } } : {} }));
  lines.forEach((l, i) => {
    const row = sheet.addRow(l);
    if (i === 5) {
      row.font = { bold: true };
      row.eachCell((cell) => (cell.fill = HEADER_FILL));
    }
    row.commit();
  });
  sheet.commit();
}

/**
 * The series' workbook: 集計 (notes per support and session), then one sheet per session in the
 * 付箋記入記録 layout of the board export, named by the session's title. Cells are plain values.
 */
export function buildSeriesXlsx(title: string, sessions: readonly SeriesSession[], exportedAt: number): Promise<Buffer> {
  return writeWorkbook(exportedAt, (wb) => {
    const taken = new Set<string>();
    addSeriesSummary(wb, sheetName(SUMMARY_SHEET, taken), title, sessions, exportedAt);
    for (const s of sessions) addNotesSheet(wb, sheetName(s.title, taken), columnsOf(s.table), s.table.rows);
  });
}
