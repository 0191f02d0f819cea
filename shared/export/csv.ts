import { cellOf, columnsOf, type NoteTable } from './table';

/** Excel in a Japanese locale reads a CSV as Shift_JIS unless it starts with a UTF-8 byte order mark. */
export const BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection). Full-width ＝＋－＠ are
 * included because a Japanese IME types those and some spreadsheets fold them to ASCII.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** A cell a spreadsheet would run is shown as text instead: the OWASP-recommended leading apostrophe. */
export const neutralise = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** RFC 4180: quote a field holding a quote, comma or line break; double the quotes inside. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const s = neutralise(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRecord = (cells: readonly (string | number)[]): string => cells.map(csvField).join(',');

/** The 付箋記入記録 as CSV: BOM, header row, one record per note, CRLF between records, newlines in notes kept. */
export function toCsv(table: NoteTable): string {
  const columns = columnsOf(table);
  const lines = [csvRecord(columns.map((c) => c.header))];
  for (const row of table.rows) lines.push(csvRecord(columns.map((c) => cellOf(row, c.key))));
  return BOM + lines.join('\r\n') + '\r\n';
}
