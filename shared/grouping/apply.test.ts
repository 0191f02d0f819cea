import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, metaOf, moveNotes, readBoard, setNoteCategory, writeSection } from '../board/doc';
import { applyAutoGroup, planAutoGroup, readGroupingReasons, readGroupingRegions, restoreOriginalLayout, showCategoryArrangement, META_KEYS } from './apply';
import { arrangeByCategory, needsReview, readArrangedByCategory, readTrayOrigin, REVIEW_BELOW } from './arrangement';
import { layoutGroups } from './layout';

function board(): { doc: Y.Doc; ids: Record<string, string> } {
  const doc = new Y.Doc();
  writeSection(doc, { id: 's_1', title: '印象に残ったこと', x: 0, y: 0, w: 560, h: 820, group: 'A', kind: 'impression' });
  const ids: Record<string, string> = {};
  const texts: Record<string, string> = {
    soudan: '困りごとを相談できる窓口がほしい',
    soudan2: '相談窓口がどこにあるかわからない',
    shuro: 'ひきこもりの若者の就労体験の場',
    mimamori: '近所の一人暮らし高齢者の見守り',
    law: '社会福祉法の改正がよくわからない',
    manual: '地域のサロンで相談を受ける',
  };
  let i = 0;
  for (const [k, text] of Object.entries(texts)) ids[k] = addNote(doc, { text, x: 20 + i * 10, y: 40 + i * 130, authorId: 'u1', sectionId: 's_1' }, null, 1000 + i++);
  setNoteCategory(doc, ids.manual!, 'consultation', 'manual');
  return { doc, ids };
}

describe('applyAutoGroup', () => {
  it('writes categories, positions, regions and reasons in one transaction, keeping manual notes', () => {
    const { doc, ids } = board();
    const plan = planAutoGroup(doc);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const origin = { by: 'test' };
    let seenOrigin: unknown = null;
    doc.on('update', (_u: Uint8Array, o: unknown) => (seenOrigin = o));
    applyAutoGroup(doc, plan, origin);
    expect(transactions).toBe(1);
    expect(seenOrigin).toBe(origin);

    const notes = new Map(readBoard(doc).notes.map((n) => [n.id, n]));
    // The note stays in its column, at its worksheet place; only its place in the category arrangement is new.
    expect(notes.get(ids.soudan!)).toMatchObject({ category: 'consultation', categorySource: 'auto', sectionId: 's_1', x: 20, y: 40 });
    expect(notes.get(ids.shuro!)!.category).toBe('participation');
    expect(notes.get(ids.mimamori!)!.category).toBe('community');
    expect(notes.get(ids.law!)!.category).toBe('unsorted');
    expect(notes.get(ids.manual!)).toMatchObject({ category: 'consultation', categorySource: 'manual' });

    const regions = readGroupingRegions(doc);
    expect(regions.map((r) => r.category)).toEqual(['consultation', 'participation', 'community', 'unsorted']);
    // Regions go below the worksheet's sections.
    expect(regions[0]!.y).toBeGreaterThan(820);
    const region = regions.find((r) => r.category === 'participation')!;
    const n = notes.get(ids.shuro!)!;
    expect(n.categoryX).toBeGreaterThanOrEqual(region.x);
    expect(n.categoryY).toBeGreaterThanOrEqual(region.y);
    expect(readArrangedByCategory(doc)).toBe(true);

    const reasons = readGroupingReasons(doc);
    expect(reasons[ids.soudan!]!.reasons.join(' ')).toContain('相談');
    expect(reasons[ids.soudan!]!.confidence).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(metaOf(doc).toJSON()))).toBeTruthy();
  });

  it('does not overwrite a note corrected by hand after the plan was made', () => {
    const { doc, ids } = board();
    const plan = planAutoGroup(doc);
    setNoteCategory(doc, ids.law!, 'community', 'manual');
    applyAutoGroup(doc, plan);
    expect(readBoard(doc).notes.find((n) => n.id === ids.law)).toMatchObject({ category: 'community', categorySource: 'manual' });
  });

  it('keeps every note in its column through grouping twice and back to the original layout, which keeps the category places', () => {
    const { doc } = board();
    const worksheet = () => readBoard(doc).notes.map(({ id, x, y, sectionId }) => ({ id, x, y, sectionId }));
    const before = worksheet();
    applyAutoGroup(doc, planAutoGroup(doc));
    applyAutoGroup(doc, planAutoGroup(doc));
    expect(worksheet()).toEqual(before);
    const places = readBoard(doc).notes.map(({ id, categoryX, categoryY }) => ({ id, categoryX, categoryY }));

    expect(restoreOriginalLayout(doc)).toBe(before.length);
    expect(readArrangedByCategory(doc)).toBe(false);
    expect(worksheet()).toEqual(before);
    expect(readGroupingRegions(doc)).toHaveLength(4);
    expect(showCategoryArrangement(doc)).toBe(true);
    expect(readBoard(doc).notes.map(({ id, categoryX, categoryY }) => ({ id, categoryX, categoryY }))).toEqual(places);
  });

  it('puts back in their columns the notes an older version took out of the worksheet', () => {
    const { doc, ids } = board();
    const before = readBoard(doc).notes.map(({ id, x, y, sectionId }) => ({ id, x, y, sectionId }));
    // What the previous Auto-group left: notes out of their section, the worksheet kept in meta.originalLayout.
    metaOf(doc).set(META_KEYS.originalLayout, Object.fromEntries(before.map((n) => [n.id, { x: n.x, y: n.y, sectionId: n.sectionId }])));
    moveNotes(doc, before.map((n) => ({ id: n.id, x: n.x + 3000, y: n.y + 3000, sectionId: null })));
    expect(readBoard(doc).notes.find((n) => n.id === ids.soudan)!.sectionId).toBeNull();
    applyAutoGroup(doc, planAutoGroup(doc));
    expect(readBoard(doc).notes.map(({ id, x, y, sectionId }) => ({ id, x, y, sectionId }))).toEqual(before);
    expect(metaOf(doc).get(META_KEYS.originalLayout)).toBeUndefined();
  });

  it('leaves a note the model is unsure of out of the regions, in the 要確認 tray, with its tentative category', () => {
    const { doc } = board();
    const unsure = addNote(doc, { text: 'ありがとうございました', x: 20, y: 900, authorId: 'u1', sectionId: 's_1' }, null, 5000);
    const plan = planAutoGroup(doc);
    const c = plan.grouping.notes.find((n) => n.id === unsure)!;
    expect(needsReview(c)).toBe(c.confidence < REVIEW_BELOW);
    // Force the case whatever the model says: this is about where such a note goes.
    plan.grouping.notes = plan.grouping.notes.map((n) => (n.id === unsure ? { ...n, confidence: 0.3 } : n));
    const replanned = { grouping: plan.grouping, layout: layoutGroups(readBoard(doc).notes.filter((n) => n.id !== unsure), plan.grouping) };
    applyAutoGroup(doc, replanned);
    const note = readBoard(doc).notes.find((n) => n.id === unsure)!;
    expect(note.categoryX).toBeUndefined();
    expect(note.sectionId).toBe('s_1');
    expect(readGroupingReasons(doc)[unsure]!.needsReview).toBe(true);
    const shown = arrangeByCategory(readBoard(doc), readGroupingRegions(doc), readTrayOrigin(doc));
    expect(shown.tray.noteIds).toEqual([unsure]);
    const drawn = shown.view.notes.find((n) => n.id === unsure)!;
    expect(drawn.x).toBeGreaterThanOrEqual(shown.tray.x);
    expect(drawn.x + drawn.w).toBeLessThanOrEqual(shown.tray.x + shown.tray.w);
    // The regions count only the notes placed in them.
    expect(shown.regions.reduce((a, r) => a + r.count, 0)).toBe(readBoard(doc).notes.length - 1);
    expect(needsReview({ confidence: 0.3, manual: true })).toBe(false);
    expect(needsReview({ confidence: 0.99, manual: false, needsReview: true })).toBe(true);
  });

  it('syncs to a second replica as one update', () => {
    const { doc } = board();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    applyAutoGroup(doc, planAutoGroup(doc));
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, updates[0]!);
    expect(readGroupingRegions(other)).toEqual(readGroupingRegions(doc));
  });
});
