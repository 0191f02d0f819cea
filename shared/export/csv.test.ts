import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readBoard } from '../board/doc';
import { HOSTILE_TEXTS, hostileBoard } from './testBoard';
import { buildNoteTable } from './table';
import { BOM, csvField, neutralise, toCsv } from './csv';

const parseCsv = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false }) as string[][];
/** What a person sees once the spreadsheet has shown the neutralising apostrophe as text. */
const unneutralise = (s: string) => (/^'[=+\-@\t\r＝＋－＠]/.test(s) ? s.slice(1) : s);

describe('CSV', () => {
  it('starts with a BOM, has a header row and one record per note', () => {
    const csv = toCsv(buildNoteTable(readBoard(hostileBoard())));
    expect(csv.startsWith(BOM)).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['グループ', '欄', '欄の種類', '付箋', '分類', 'クラスター', '投票', '同感', 'なるほど', '質問', '記入者', '記入日時（日本時間）']);
    expect(rows).toHaveLength(HOSTILE_TEXTS.length + 1);
  });

  it('round-trips hostile texts as plain text: quotes, commas and newlines kept, formulas neutralised', () => {
    const table = buildNoteTable(readBoard(hostileBoard()));
    const rows = parseCsv(toCsv(table)).slice(1);
    const texts = rows.map((r) => r[3]!);
    expect(texts.map(unneutralise)).toEqual(table.rows.map((r) => r.text));
    expect(texts).toContain("'=SUM(A1)");
    expect(texts).toContain("'＝HYPERLINK(\"http://evil.example\")");
    expect(texts).toContain('一行目\n二行目\r\n三行目');
    expect(texts).toContain('"引用符", カンマ');
    for (const t of texts) expect(t).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
  });

  it('neutralises every formula start, and only those', () => {
    for (const s of ['=1', '+1', '-1', '@a', '\tx', '\rx', '＝1']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['1', 'a=b', ' 相談', '']) expect(neutralise(s)).toBe(s);
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField(3)).toBe('3');
  });

  it('leaves out the author column on an anonymous board', () => {
    const rows = parseCsv(toCsv(buildNoteTable(readBoard(hostileBoard({ anonymous: true })))));
    expect(rows[0]).not.toContain('記入者');
    expect(rows.flat().some((c) => c.startsWith('記入者'))).toBe(false);
  });

  it('is a valid file with just the header for an empty board', () => {
    const rows = parseCsv(toCsv(buildNoteTable(readBoard(hostileBoard({ texts: [] })))));
    expect(rows).toHaveLength(1);
  });
});
