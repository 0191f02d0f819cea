import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaOf, readBoard } from './doc';
import { readAgenda } from './agenda';
import { voteCounts } from './votes';
import { initBoard } from './templates';
import { migrateBoard, NewerBoardError, SCHEMA_VERSION, schemaVersionOf, type Migration } from './migrations';
import { BOARD_V1 } from './fixtures/boardV1';

const fromBase64 = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

function boardAt(version: number): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't', template: 'blank', groups: 1 });
  metaOf(doc).set('schemaVersion', version);
  return doc;
}

/** Steps that leave a trace of the order they ran in. */
const steps: Migration[] = [
  { version: 2, name: 'two', up: (d) => metaOf(d).set('trace', `${String(metaOf(d).get('trace') ?? '')}2`) },
  { version: 3, name: 'three', up: (d) => metaOf(d).set('trace', `${String(metaOf(d).get('trace') ?? '')}3`) },
];

describe('a board saved by the first board model', () => {
  it('opens with every note, author, category, vote and phase it was saved with', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(BOARD_V1));
    migrateBoard(doc);
    const view = readBoard(doc);
    expect(view.meta.title).toBe('当別町 重層的支援体制 研修会');
    expect(view.broken).toEqual([]);
    expect(view.notes.map((n) => [n.text, n.author, n.category])).toEqual([
      ['相談窓口がどこか分からない', '佐藤', 'consultation'],
      ['地域の見守り活動を広げたい', '', 'community'],
      ['引きこもりの方の居場所づくり 🌱', '', 'unsorted'],
    ]);
    const bySection = new Set(view.notes.map((n) => n.sectionId));
    expect([...bySection].every((id) => view.sections.some((s) => s.id === id))).toBe(true);
    expect([...voteCounts(doc).values()].sort()).toEqual([1, 2]);
    expect(readAgenda(doc).map((p) => `${p.start}-${p.end} ${p.title}`)).toEqual(['13:30-14:10 行政説明', '14:10-15:00 グループワーク']);
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
  });
});

describe('migrating a board', () => {
  it('runs the steps a board lacks, in order, in one change, and records the version', () => {
    const doc = boardAt(1);
    let changes = 0;
    doc.on('update', () => changes++);
    expect(migrateBoard(doc, null, steps, 3)).toEqual({ from: 1, to: 3, applied: ['two', 'three'] });
    expect(metaOf(doc).get('trace')).toBe('23');
    expect(schemaVersionOf(doc)).toBe(3);
    expect(changes).toBe(1);
  });

  it('runs only the steps after the board’s own version, and nothing on a current board', () => {
    const doc = boardAt(2);
    migrateBoard(doc, null, steps, 3);
    expect(metaOf(doc).get('trace')).toBe('3');
    const before = Y.encodeStateVector(doc);
    expect(migrateBoard(doc, null, steps, 3).applied).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses a board saved by newer software and changes nothing', () => {
    const doc = boardAt(4);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => migrateBoard(doc, null, steps, 3)).toThrow(NewerBoardError);
    expect(() => migrateBoard(doc, null, steps, 3)).toThrow(/newer version/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('rejects a list of steps with a gap or that stops short of the current version', () => {
    expect(() => migrateBoard(boardAt(1), null, [steps[1]!], 3)).toThrow(/numbered 3; expected 2/);
    expect(() => migrateBoard(boardAt(1), null, steps, 4)).toThrow(/last migration reaches 3/);
  });

  it('reads a board without a version as version 1', () => {
    const doc = new Y.Doc();
    expect(schemaVersionOf(doc)).toBe(1);
  });
});
