import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, metaOf, readBoard } from '../board/doc';
import { initBoard } from '../board/templates';
import { HOSTILE_TEXTS, hostileBoard, sectionsByGroup } from './testBoard';
import { buildNoteTable, columnsOf, formatJst, summarize } from './table';
import { readExportExtras } from './extras';
import { castVote, setVoting } from '../board/votes';
import { toggleReaction } from '../board/reactions';
import { BOM, toCsv } from './csv';
import { applyAutoGroup, planAutoGroup } from '../grouping/apply';

describe('付箋記入記録 table', () => {
  it('has one row per note, by group then column, with the Japanese category label and Japan time', () => {
    const doc = hostileBoard();
    const table = buildNoteTable(readBoard(doc));
    expect(table.rows).toHaveLength(HOSTILE_TEXTS.length);
    expect(table.groups).toEqual(['A', 'B', 'C']);
    expect(table.rows.map((r) => r.group)).toEqual([...table.rows.map((r) => r.group)].sort());
    const first = table.rows.find((r) => r.text === '=SUM(A1)')!;
    expect(first).toMatchObject({ group: 'A', groupLabel: 'グループA', columnKind: 'impression', category: 'consultation', categoryLabel: '相談支援', author: '記入者0' });
    expect(first.sectionTitle).toBe('印象に残ったこと');
    expect(first.columnKindLabel).toBe('印象に残ったこと');
    expect(first.createdAt).toBe('2020-10-20 14:00:00');
    expect(new Set(table.rows.map((r) => r.text))).toEqual(new Set(HOSTILE_TEXTS));
  });

  it('leaves the author out of an anonymous board entirely', () => {
    const table = buildNoteTable(readBoard(hostileBoard({ anonymous: true })));
    expect(table.rows.every((r) => r.author === null)).toBe(true);
    expect(columnsOf(table).map((c) => c.header)).not.toContain('記入者');
    expect(columnsOf({ anonymous: false }).map((c) => c.header)).toContain('記入者');
  });

  it('places a note without a sectionId by where it sits, and one outside every section under グループ外', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 't', template: 'troubles', groups: 2 });
    const b = sectionsByGroup(doc).find((s) => s.group === 'B' && s.kind === 'could-help')!;
    addNote(doc, { text: 'inside B', x: b.x + 10, y: b.y + 10, authorId: 'u' });
    addNote(doc, { text: 'far away', x: -5000, y: -5000, authorId: 'u' });
    const table = buildNoteTable(readBoard(doc));
    expect(table.rows.find((r) => r.text === 'inside B')).toMatchObject({ group: 'B', columnKind: 'could-help' });
    expect(table.rows.find((r) => r.text === 'far away')).toMatchObject({ group: '', groupLabel: 'グループ外', sectionTitle: '（欄外）' });
    expect(table.groups).toEqual(['A', 'B', '']);
  });

  it('counts dot votes per note and reads cluster labels defensively', () => {
    const doc = hostileBoard();
    const [n1, n2] = readBoard(doc).notes.map((n) => n.id);
    setVoting(doc, { open: true, perPerson: 5 });
    castVote(doc, n1!, 'voter-1');
    castVote(doc, n1!, 'voter-1');
    castVote(doc, n1!, 'voter-2');
    castVote(doc, n2!, 'voter-2');
    metaOf(doc).set('groupingReasons', { [n1!]: { clusterLabel: '相談窓口' }, [n2!]: 'odd', other: null });
    const extras = readExportExtras(doc);
    expect(extras.votes).toEqual({ [n1!]: 3, [n2!]: 1 });
    expect(extras.clusterLabels).toEqual({ [n1!]: '相談窓口' });
    const table = buildNoteTable(readBoard(doc), extras);
    expect(table.rows.find((r) => r.noteId === n1)).toMatchObject({ votes: 3, clusterLabel: '相談窓口' });
    expect(table.rows.find((r) => r.noteId === n2)).toMatchObject({ votes: 1, clusterLabel: '' });
  });

  it('counts each stamp per note, in its own column of the table and the CSV', () => {
    const doc = new Y.Doc();
    const n1 = addNote(doc, { text: '見守りの輪', x: 0, y: 0, authorId: 'a' });
    const n2 = addNote(doc, { text: '移動販売', x: 0, y: 200, authorId: 'a' });
    toggleReaction(doc, n1, 'agree', 'p1');
    toggleReaction(doc, n1, 'agree', 'p2');
    toggleReaction(doc, n1, 'question', 'p2');
    const table = buildNoteTable(readBoard(doc), readExportExtras(doc));
    expect(table.rows.find((r) => r.noteId === n1)).toMatchObject({ agree: 2, insight: 0, question: 1 });
    expect(table.rows.find((r) => r.noteId === n2)).toMatchObject({ agree: 0, insight: 0, question: 0 });
    const [header, ...lines] = toCsv(table).replace(BOM, '').split('\r\n').map((l) => l.split(','));
    const at = header!.indexOf('同感');
    expect(header!.slice(at, at + 3)).toEqual(['同感', 'なるほど', '質問']);
    // Both notes may carry the same millisecond: find the row by its text, not its place.
    const row = lines.find((l) => l[header!.indexOf('付箋')] === '見守りの輪');
    expect(row!.slice(at, at + 3)).toEqual(['2', '0', '1']);
  });

  it('keeps the group and column a note was written in after auto-grouping', () => {
    const doc = hostileBoard({ texts: ['伴走型支援', '居場所づくり'] });
    const before = buildNoteTable(readBoard(doc), readExportExtras(doc));
    applyAutoGroup(doc, planAutoGroup(doc));
    const view = readBoard(doc);
    expect(view.notes.every((n) => n.sectionId !== null)).toBe(true);
    const after = buildNoteTable(view, readExportExtras(doc));
    const where = (t: typeof before) => t.rows.map((r) => [r.noteId, r.group, r.sectionTitle]).sort();
    expect(where(after)).toEqual(where(before));
    expect(after.rows.every((r) => r.group !== '')).toBe(true);
  });

  it('summarises counts per group and per category', () => {
    const s = summarize(buildNoteTable(readBoard(hostileBoard())));
    expect(s.total).toBe(HOSTILE_TEXTS.length);
    expect(s.byGroup.reduce((a, g) => a + g.count, 0)).toBe(HOSTILE_TEXTS.length);
    expect(s.byCategory.find((c) => c.id === 'consultation')!.count).toBe(Math.ceil(HOSTILE_TEXTS.length / 3));
    expect(Object.values(s.matrix.A!).reduce((a, b) => a + b, 0)).toBe(s.byGroup[0]!.count);
  });

  it('gives an empty table for an empty board', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: '', template: 'blank', groups: 1 });
    const table = buildNoteTable(readBoard(doc));
    expect(table.rows).toEqual([]);
    expect(summarize(table).total).toBe(0);
  });

  it('formats times in Japan time', () => {
    expect(formatJst(Date.UTC(2021, 1, 1, 15, 30, 5))).toBe('2021-02-02 00:30:05');
  });
});
