import type ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { cellOf, columnsOf, formatJst, groupLabel, summarize, type Column, type NoteRow, type NoteTable } from '../../shared/export/table';
import type { SnapshotRef } from '../../shared/export/json';

export interface XlsxInfo {
  exportedAt: number;
  snapshot?: SnapshotRef | null;
}

export type Writer = ExcelJS.stream.xlsx.WorkbookWriter;
export type Cell = string | number | Date;

const JST_OFFSET_MS = 9 * 3600 * 1000;
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Excel's column width is in characters of its default font; a Japanese character takes two. */
function displayWidth(value: Cell): number {
  if (value instanceof Date) return TIME_FORMAT.length;
  let widest = 0;
  for (const line of String(value).split('\n')) {
    let w = 0;
    for (const ch of line) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
    widest = Math.max(widest, w);
  }
  return widest;
}

/** Sheet names: at most 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = [...(wanted.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet')].slice(0, 28).join('');
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}(${i})`;
  taken.add(name.toLowerCase());
  return name;
}

/** Excel keeps no time zone: the Japan wall-clock time is stored, shown as a sortable date. */
const excelTime = (ms: number): Date => new Date(ms + JST_OFFSET_MS);

/** Excel breaks lines in a cell with LF alone; XML would silently turn a CR into LF anyway. */
const excelValue = (v: string | number): string | number => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);

/** Column widths that fit the content, within reason: long notes wrap instead of making a 500-character column. */
export const fitted = (rows: readonly Cell[][], maxWidth: number): number[] => {
  const widths: number[] = [];
  for (const row of rows) row.forEach((v, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(v))));
  return widths.map((w) => Math.min(maxWidth, Math.max(6, w + 2)));
};

export function addNotesSheet(wb: Writer, name: string, columns: Column[], rows: readonly NoteRow[]): void {
  const header: Cell[] = columns.map((c) => c.header);
  const body: Cell[][] = rows.map((row) => columns.map((c) => (c.key === 'createdAt' ? excelTime(row.createdAtMs) : excelValue(cellOf(row, c.key)))));
  const widths = fitted([header, ...body], 60);
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    width: widths[i],
    style:
      c.key === 'createdAt'
        ? { numFmt: TIME_FORMAT }
        : c.key === 'text' || c.key === 'sectionTitle'
          ? { alignment: { wrapText: true, vertical: 'top' } }
          : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  head.commit();
  for (const values of body) sheet.addRow(values).commit();
  sheet.commit();
}

function addSummarySheet(wb: Writer, name: string, table: NoteTable, info: XlsxInfo): void {
  const s = summarize(table);
  const lines: Cell[][] = [
    ['タイトル', table.title],
    ['出力日時（日本時間）', formatJst(info.exportedAt)],
    ...(info.snapshot ? [['スナップショット', `${info.snapshot.name}（${formatJst(info.snapshot.createdAt)}）`]] : []),
    ['付箋の総数', s.total],
    ['記入者名', table.anonymous ? '匿名のボードのため出力しません' : '出力しています'],
    [],
    ['グループ', ...s.byCategory.map((c) => c.label), '合計'],
    ...s.byGroup.map((g) => [g.label, ...s.byCategory.map((c) => s.matrix[g.group]?.[c.id] ?? 0), g.count]),
    ['合計', ...s.byCategory.map((c) => c.count), s.total],
  ];
  const sheet = wb.addWorksheet(name);
  sheet.columns = fitted(lines, 80).map((width, i) => ({ width, style: i === 0 ? { font: { bold: true } } : {} }));
  for (const l of lines) {
    const row = sheet.addRow(l);
    if (l[0] === 'グループ') {
      row.font = { bold: true };
      row.eachCell((cell) => (cell.fill = HEADER_FILL));
    }
    row.commit();
  }
  sheet.commit();
}

/**
 * The organisers' workbook: a summary sheet, the whole 付箋記入記録, one sheet per group and one per category.
 * Every cell is a plain value — a note reading "=SUM(A1)" is stored as text, never as a formula.
 * Written with exceljs's streaming writer: rows go out as they are made, which keeps a 5,000-note board fast.
 */
export async function buildXlsx(table: NoteTable, info: XlsxInfo): Promise<Buffer> {
  return writeWorkbook(info.exportedAt, (wb) => {
    const taken = new Set<string>();
    const columns = columnsOf(table);
    addSummarySheet(wb, sheetName('概要', taken), table, info);
    addNotesSheet(wb, sheetName('付箋記入記録', taken), columns, table.rows);
    for (const g of table.groups) addNotesSheet(wb, sheetName(groupLabel(g), taken), columns, table.rows.filter((r) => r.group === g));
    for (const c of table.categories) {
      const rows = table.rows.filter((r) => r.category === c.id);
      if (rows.length > 0) addNotesSheet(wb, sheetName(`分類 ${c.label}`, taken), columns, rows);
    }
  });
}

/** A workbook made by `fill` with exceljs's streaming writer, as bytes. */
export async function writeWorkbook(exportedAt: number, fill: (wb: Writer) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => (out.on('end', res), out.on('error', rej)));
  // Loaded on the first export, not at start: exceljs and its zip stack are a third of the server's
  // start-up time and heap, which a process serving boards all day may never need.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'fusen-board';
  wb.created = new Date(exportedAt);
  fill(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
