import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, readBoard, setNoteText, startTimer, readTimer } from '../../../shared/board';
import { applyAutoGroup, planAutoGroup, readGroupingRegions } from '../../../shared/grouping/apply';
import { createUndoManager, LOCAL_ORIGIN, moveAndFile } from '../actions';

function workshop() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'セミナー', template: 'impressions-unclear', groups: 1 });
  const [impression] = readBoard(doc).sections;
  const texts = ['相談窓口がどこにあるかわからない', 'ひきこもりの若者の就労体験の場', '近所の一人暮らし高齢者の見守り', '社会福祉法の改正がよくわからない'];
  texts.forEach((text, i) => addNote(doc, { text, x: impression!.x + 20, y: impression!.y + 60 + i * 130, sectionId: impression!.id, authorId: `p${i}` }, 'remote', 1000 + i));
  return doc;
}

const layout = (doc: Y.Doc) => readBoard(doc).notes.map(({ id, x, y, sectionId, category, categorySource }) => ({ id, x, y, sectionId, category, categorySource }));

describe('undo per person', () => {
  it('takes back the facilitator’s auto-group layout in one step, regions included, and redoes it', () => {
    const doc = workshop();
    const undo = createUndoManager(doc);
    const before = layout(doc);
    applyAutoGroup(doc, planAutoGroup(doc), LOCAL_ORIGIN);
    const grouped = layout(doc);
    expect(grouped).not.toEqual(before);
    expect(readGroupingRegions(doc).length).toBeGreaterThan(0);

    undo.undo();
    expect(layout(doc)).toEqual(before);
    expect(readGroupingRegions(doc)).toEqual([]);
    expect(undo.canUndo()).toBe(false);

    undo.redo();
    expect(layout(doc)).toEqual(grouped);
    expect(readGroupingRegions(doc).length).toBeGreaterThan(0);
  });

  it('never undoes a timer start, and never undoes what someone else did', () => {
    const doc = workshop();
    const undo = createUndoManager(doc);
    const [first] = readBoard(doc).notes;
    moveAndFile(doc, { moves: [{ id: first!.id, x: 900, y: 900 }], sizes: new Map(), sections: [] });
    undo.stopCapturing();
    startTimer(doc, { durationMs: 60_000 }, LOCAL_ORIGIN);
    setNoteText(doc, first!.id, '他の人が直した', 'remote');

    undo.undo();
    const after = readBoard(doc).notes.find((n) => n.id === first!.id)!;
    expect(after).toMatchObject({ x: first!.x, y: first!.y, text: '他の人が直した' });
    expect(readTimer(doc)).not.toBeNull();
    expect(undo.canUndo()).toBe(false);
  });
});
