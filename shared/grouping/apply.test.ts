import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, metaOf, readBoard, setNoteCategory, writeSection } from '../board/doc';
import { applyAutoGroup, planAutoGroup, readGroupingReasons, readGroupingRegions, restoreOriginalLayout, META_KEYS } from './apply';

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
    expect(notes.get(ids.soudan!)).toMatchObject({ category: 'consultation', categorySource: 'auto', sectionId: null });
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
    expect(n.x).toBeGreaterThanOrEqual(region.x);
    expect(n.y).toBeGreaterThanOrEqual(region.y);

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

  it('remembers the first pre-grouping layout and restores it', () => {
    const { doc, ids } = board();
    const before = new Map(readBoard(doc).notes.map((n) => [n.id, { x: n.x, y: n.y, sectionId: n.sectionId }]));
    applyAutoGroup(doc, planAutoGroup(doc));
    const firstOriginal = JSON.stringify(metaOf(doc).get(META_KEYS.originalLayout));
    applyAutoGroup(doc, planAutoGroup(doc)); // a second run must not overwrite the original layout
    expect(JSON.stringify(metaOf(doc).get(META_KEYS.originalLayout))).toBe(firstOriginal);
    expect(readBoard(doc).notes.find((n) => n.id === ids.soudan)!.sectionId).toBeNull();

    const moved = restoreOriginalLayout(doc);
    expect(moved).toBe(before.size);
    for (const n of readBoard(doc).notes) expect({ x: n.x, y: n.y, sectionId: n.sectionId }).toEqual(before.get(n.id));
    expect(readGroupingRegions(doc)).toEqual([]);
    expect(metaOf(doc).get(META_KEYS.originalLayout)).toBeUndefined();
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
