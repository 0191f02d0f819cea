import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readBoard, setNoteCategory } from '../board/doc';
import { hostileBoard } from './testBoard';
import { buildNoteTable } from './table';
import { summarizeSeries, toSeriesCsv } from './series';

const session = (title: string, opts: { anonymous?: boolean; texts: string[]; category?: string }) => {
  const doc = hostileBoard({ anonymous: opts.anonymous, texts: opts.texts });
  if (opts.category) for (const n of readBoard(doc).notes) setNoteCategory(doc, n.id, opts.category, 'manual');
  return { title, table: buildNoteTable(readBoard(doc)) };
};

describe('series exports', () => {
  it('counts every session’s notes per support, a board’s own category after the supports, and a session with none', () => {
    const s = summarizeSeries([
      session('第1回', { texts: ['相談窓口', '居場所'], category: 'participation' }),
      session('第2回', { texts: ['独自の分類'], category: 'local-plan' }),
      session('第3回', { texts: [] }),
    ]);
    expect(s.categories.map((c) => c.id)).toEqual(['consultation', 'participation', 'community', 'unsorted', 'local-plan']);
    expect(s.counts.participation).toEqual([2, 0, 0]);
    expect(s.counts['local-plan']).toEqual([0, 1, 0]);
    expect(s.totals).toEqual([2, 1, 0]);
  });

  it('leaves the author column out when every session is anonymous', () => {
    const csv = toSeriesCsv([session('第1回', { anonymous: true, texts: ['a'] }), session('第2回', { anonymous: true, texts: ['b'] })]);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]).not.toContain('記入者');
    expect(rows.slice(1).map((r) => [r[0], r[4]])).toEqual([
      ['第1回', 'a'],
      ['第2回', 'b'],
    ]);
  });
});
