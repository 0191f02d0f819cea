import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ImportProblem, type ImportRow } from '../../shared/board/import';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';

/** The header names a sheet may use for each field, in English or as a Japanese secretariat writes them. */
const HEADERS: Record<keyof Omit<ImportRow, 'row'>, string[]> = {
  text: ['text', 'note', '本文', '内容', '付箋', '付箋の内容', 'テキスト', '意見'],
  group: ['group', 'グループ', '班'],
  column: ['column', 'section', '欄', '項目', '列'],
  author: ['author', 'name', '記入者', '名前', '氏名'],
  color: ['color', 'colour', '色'],
};

const fieldOf = (header: string): keyof typeof HEADERS | null => {
  const h = header.normalize('NFKC').trim().toLowerCase();
  for (const [field, names] of Object.entries(HEADERS)) if (names.includes(h)) return field as keyof typeof HEADERS;
  return null;
};

/** Rows of cells (the first one the header) into import rows; a sheet without a text column is refused. */
function rowsFrom(table: { row: number; cells: string[] }[]): ImportRow[] {
  const [header, ...body] = table;
  if (!header) throw new ImportProblem('the file is empty');
  const fields = header.cells.map(fieldOf);
  if (!fields.includes('text')) throw new ImportProblem(`no text column: name one "text" (or 本文, 内容, 付箋); the header row has ${header.cells.map((c) => `"${c}"`).join(', ') || 'nothing'}`);
  return body
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => {
      const out: ImportRow = { row: r.row, text: '' };
      fields.forEach((f, i) => {
        if (f) out[f] = r.cells[i] ?? '';
      });
      return out;
    });
}

/** UTF-8 (with or without a BOM), else Shift_JIS, as Excel in Japan saves a CSV. */
function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

function csvRows(bytes: Buffer): ImportRow[] {
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(decodeCsv(bytes), { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new ImportProblem(`the CSV cannot be read${line ? ` at line ${line}` : ''}: ${(err as Error).message.split('\n')[0]}`);
  }
  // The record's number is its row when the file is opened in a spreadsheet, whatever line breaks cells hold.
  return rowsFrom(records.map(({ record, info }) => ({ row: info.records, cells: record })));
}

async function xlsxRows(bytes: Buffer): Promise<ImportRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportProblem('the file is not an Excel workbook (.xlsx)');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new ImportProblem('the workbook has no sheet');
  const table: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    // A formula's shown result or a cell's own text, never something evaluated here.
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    table.push({ row: n, cells });
  });
  return rowsFrom(table);
}

/** The notes in an uploaded CSV or XLSX, by its content type. */
export async function parseImportFile(bytes: Buffer, contentType: string | undefined): Promise<ImportRow[]> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) return xlsxRows(bytes);
  if (type === CSV_TYPE) return csvRows(bytes);
  throw new ImportProblem(`send the file as ${CSV_TYPE} or ${XLSX_TYPE}, not ${type || 'no content type'}`);
}
