import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, readBoard, setMeta, setNoteCategory, type Note } from '../../../shared/board';
import { readGroupingReasons, readGroupingRegions } from '../../../shared/grouping';
import { arrangeByCategory, readArrangedByCategory, readTrayOrigin } from '../../../shared/grouping/arrangement';
import {
  autoGroupAction,
  contextFor,
  createUndoManager,
  dispatch,
  dropNotes,
  LOCAL_ORIGIN,
  regionAt,
  restoreLayoutAction,
  setCategoryAction,
  showCategoriesAction,
  type Action,
} from '../actions';

/** The facilitator runs an action on the doc. */
const facilitator = <A, R>(doc: Y.Doc, action: Action<A, R>, args: A) => dispatch(contextFor(doc, { userId: 'f', role: 'facilitator' }), action, args)!;

const TEXTS = {
  consult: 'ひきこもりの相談窓口がわからない',
  consult2: '8050世帯への訪問とアウトリーチ',
  community: '地域のサロンで見守り',
  participation: '就労体験の場がほしい',
  law: '社会福祉法の改正がよくわからない',
};
type Key = keyof typeof TEXTS;

/** A Tōbetsu-style worksheet with participants' notes in group A's first column, written by others. */
function workshop(): { doc: Y.Doc; ids: Record<Key, string> } {
  const doc = new Y.Doc();
  initBoard(doc, { title: '当別町セミナー', template: 'impressions-unclear', groups: 1 });
  const [column] = readBoard(doc).sections;
  const ids = {} as Record<Key, string>;
  (Object.keys(TEXTS) as Key[]).forEach((k, i) => {
    ids[k] = addNote(doc, { text: TEXTS[k], x: column!.x + 20, y: column!.y + 70 + i * 130, sectionId: column!.id, authorId: `p${i}` }, 'remote', 1000 + i);
  });
  return { doc, ids };
}

const notes = (doc: Y.Doc) => new Map(readBoard(doc).notes.map((n) => [n.id, n]));
const layout = (doc: Y.Doc) => readBoard(doc).notes.map(({ id, x, y, sectionId, category, categorySource }) => ({ id, x, y, sectionId, category, categorySource }));
const centre = (n: Note) => ({ x: n.x + n.w / 2, y: n.y + n.h / 2 });
const sizesOf = (doc: Y.Doc) => new Map(readBoard(doc).notes.map((n) => [n.id, { w: n.w, h: n.h }]));

describe('autoGroupAction', () => {
  it('sorts and lays out every note in a single update that everyone receives at once', () => {
    const { doc, ids } = workshop();
    const updates: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    const r = facilitator(doc, autoGroupAction, undefined);
    expect(updates).toEqual([LOCAL_ORIGIN]);
    expect(r.placed + r.review).toBe(5);
    expect(r.placed).toBeGreaterThanOrEqual(4);

    const after = notes(doc);
    const column = readBoard(doc).sections[0]!.id;
    const expected: Record<Key, string> = { consult: 'consultation', consult2: 'consultation', community: 'community', participation: 'participation', law: 'unsorted' };
    for (const k of Object.keys(expected) as Key[]) {
      const n = after.get(ids[k])!;
      // Still in the group's column: grouping is a second arrangement, not a move out of the worksheet.
      expect(n, k).toMatchObject({ category: expected[k], categorySource: 'auto', sectionId: column });
      // Arranged by category, each note sits inside the region of its own category.
      if (n.categoryX === undefined) continue;
      expect(regionAt(readGroupingRegions(doc), n.categoryX + n.w / 2, n.categoryY! + n.h / 2)?.category, k).toBe(expected[k]);
    }
    expect(readGroupingReasons(doc)[ids.consult]!.reasons.join(' ')).toMatch(/相談|ひきこもり/);
  });

  it('is taken back by one undo: every position, section and category, and the regions', () => {
    const { doc } = workshop();
    const undo = createUndoManager(doc);
    const before = layout(doc);
    facilitator(doc, autoGroupAction, undefined);
    const grouped = layout(doc);
    expect(grouped).not.toEqual(before);

    undo.undo();
    expect(layout(doc)).toEqual(before);
    expect(readGroupingRegions(doc)).toEqual([]);
    expect(undo.canUndo()).toBe(false);
    undo.redo();
    expect(layout(doc)).toEqual(grouped);
  });

  it('never changes a note categorised by hand, and learns from it', () => {
    const { doc, ids } = workshop();
    // The facilitator decides that, on this board, salon notes are about participation.
    facilitator(doc, setCategoryAction, { ids: [ids.community], category: 'participation' });
    const similar = addNote(doc, { text: '地域のサロンで見守りをしたい', x: 0, y: 0, authorId: 'p9' }, 'remote', 2000);
    facilitator(doc, autoGroupAction, undefined);
    const after = notes(doc);
    expect(after.get(ids.community)).toMatchObject({ category: 'participation', categorySource: 'manual' });
    expect(after.get(similar)!.category).toBe('participation');
    // Without the correction the same note goes to community.
    const { doc: plain } = workshop();
    const control = addNote(plain, { text: '地域のサロンで見守りをしたい', x: 0, y: 0, authorId: 'p9' }, 'remote', 2000);
    facilitator(plain, autoGroupAction, undefined);
    expect(notes(plain).get(control)!.category).toBe('community');
  });
});

describe('restoreLayoutAction and showCategoriesAction', () => {
  it('switch everyone between the worksheet and the category arrangement, keep categories and columns, and undo', () => {
    const { doc } = workshop();
    const undo = createUndoManager(doc);
    const before = readBoard(doc).notes.map(({ id, x, y, sectionId }) => ({ id, x, y, sectionId }));
    facilitator(doc, autoGroupAction, undefined);
    undo.stopCapturing();
    facilitator(doc, autoGroupAction, undefined);
    undo.stopCapturing();
    expect(readArrangedByCategory(doc)).toBe(true);
    expect(facilitator(doc, restoreLayoutAction, undefined)).toBe(5);
    undo.stopCapturing();
    expect(readArrangedByCategory(doc)).toBe(false);
    expect(readBoard(doc).notes.map(({ id, x, y, sectionId }) => ({ id, x, y, sectionId }))).toEqual(before);
    expect(readBoard(doc).notes.every((n) => n.categorySource === 'auto')).toBe(true);
    undo.undo();
    expect(readArrangedByCategory(doc)).toBe(true);
    undo.redo();
    expect(facilitator(doc, showCategoriesAction, undefined)).toBe(true);
    expect(readArrangedByCategory(doc)).toBe(true);
    expect(readGroupingRegions(doc).length).toBe(4);
  });
});

describe('dropNotes while arranged by category', () => {
  it('moves the note in the category arrangement only, re-categorises by region, and a drop on the tray sends it back there', () => {
    const { doc, ids } = workshop();
    facilitator(doc, autoGroupAction, undefined);
    const regions = readGroupingRegions(doc);
    const community = regions.find((r) => r.category === 'community')!;
    const before = notes(doc).get(ids.consult)!;
    const tray = arrangeByCategory(readBoard(doc), regions, readTrayOrigin(doc)).tray;
    const args = (x: number, y: number) => ({ moves: [{ id: ids.consult, x, y }], sizes: sizesOf(doc), sections: readBoard(doc).sections, regions, byCategory: { tray } });
    dropNotes(doc, args(community.x + 30, community.y + community.h - 150));
    const moved = notes(doc).get(ids.consult)!;
    expect(moved).toMatchObject({ x: before.x, y: before.y, sectionId: before.sectionId, category: 'community', categorySource: 'manual', categoryX: community.x + 30 });
    dropNotes(doc, args(tray.x + 10, tray.y + 60));
    expect(notes(doc).get(ids.consult)!.categoryX).toBeUndefined();
    expect(arrangeByCategory(readBoard(doc), regions, readTrayOrigin(doc)).tray.noteIds).toContain(ids.consult);
  });
});

describe('dropNotes (the facilitator’s correction by moving)', () => {
  it('re-categorises by hand a note dropped in another category’s region, in the same update as the move', () => {
    const { doc, ids } = workshop();
    facilitator(doc, autoGroupAction, undefined);
    const regions = readGroupingRegions(doc);
    const community = regions.find((r) => r.category === 'community')!;
    const undo = createUndoManager(doc);
    const before = notes(doc).get(ids.consult)!;
    let updates = 0;
    doc.on('update', () => updates++);
    dropNotes(doc, { moves: [{ id: ids.consult, x: community.x + 30, y: community.y + community.h - 150 }], sizes: sizesOf(doc), sections: readBoard(doc).sections, regions });
    expect(updates).toBe(1);
    expect(notes(doc).get(ids.consult)).toMatchObject({ category: 'community', categorySource: 'manual' });

    // A later auto-group keeps the correction, and places the note in its corrected region.
    facilitator(doc, autoGroupAction, undefined);
    const kept = notes(doc).get(ids.consult)!;
    expect(kept).toMatchObject({ category: 'community', categorySource: 'manual' });
    expect(regionAt(readGroupingRegions(doc), centre(kept).x, centre(kept).y)?.category).toBe('community');

    // One undo per step: the second auto-group, then the drop (position and category together).
    undo.undo();
    undo.undo();
    expect(notes(doc).get(ids.consult)).toMatchObject({ x: before.x, y: before.y, category: 'consultation', categorySource: 'auto' });
  });

  it('leaves the category alone for a move within its own region, outside every region, or when no regions are given', () => {
    const { doc, ids } = workshop();
    facilitator(doc, autoGroupAction, undefined);
    const regions = readGroupingRegions(doc);
    const own = regions.find((r) => r.category === 'consultation')!;
    const other = regions.find((r) => r.category === 'participation')!;
    const args = (id: string, x: number, y: number, rs = regions) => ({ moves: [{ id, x, y }], sizes: sizesOf(doc), sections: readBoard(doc).sections, regions: rs });
    dropNotes(doc, args(ids.consult, own.x + 10, own.y + own.h - 140));
    dropNotes(doc, args(ids.consult2, own.x + own.w + other.w * 4, own.y - 2000));
    // A participant's drop: regions are not passed, so nothing but the position changes.
    dropNotes(doc, args(ids.law, other.x + 10, other.y + other.h - 140, []));
    const after = notes(doc);
    expect(after.get(ids.consult)).toMatchObject({ category: 'consultation', categorySource: 'auto', x: own.x + 10 });
    expect(after.get(ids.consult2)).toMatchObject({ category: 'consultation', categorySource: 'auto' });
    expect(after.get(ids.law)).toMatchObject({ category: 'unsorted', categorySource: 'auto', x: other.x + 10 });
  });
});

describe('setCategoryAction (the category menu)', () => {
  it('sets the selected notes by hand in one undoable step, and never touches other notes', () => {
    const { doc, ids } = workshop();
    const undo = createUndoManager(doc);
    setNoteCategory(doc, ids.law, 'unsorted', 'auto', 'remote');
    facilitator(doc, setCategoryAction, { ids: [ids.consult, ids.participation], category: 'community' });
    const after = notes(doc);
    expect(after.get(ids.consult)).toMatchObject({ category: 'community', categorySource: 'manual' });
    expect(after.get(ids.participation)).toMatchObject({ category: 'community', categorySource: 'manual' });
    expect(after.get(ids.law)).toMatchObject({ category: 'unsorted', categorySource: 'auto' });
    undo.undo();
    expect(notes(doc).get(ids.consult)).toMatchObject({ category: 'unsorted' });
    expect(notes(doc).get(ids.consult)!.categorySource).toBeUndefined();
  });

  it('leaves meta-only changes such as the title out of the undo history', () => {
    const { doc } = workshop();
    const undo = createUndoManager(doc);
    setMeta(doc, { title: '第2回' }, LOCAL_ORIGIN);
    expect(undo.canUndo()).toBe(false);
  });
});
