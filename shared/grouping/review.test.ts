import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote, readBoard } from '../board/doc';
import { applyAutoGroup, planAutoGroup } from './apply';
import { readGroupingRegions } from './arrangement';
import { confirmCategory, reviewQueue } from './review';
import type { GroupingResult } from './types';

function board(texts: string[]): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  const ids = texts.map((text, i) => addNote(doc, { text, x: i * 200, y: 0, sectionId: null, authorId: 'u1', author: 'a' }));
  return { doc, ids };
}

/** A server answer that flags the given notes for review. */
function answer(doc: Y.Doc, flagged: Set<string>): GroupingResult {
  const local = planAutoGroup(doc).grouping;
  return { ...local, notes: local.notes.map((n, i) => ({ ...n, confidence: 0.5 + i / 100, needsReview: flagged.has(n.id) })) };
}

describe('the 要確認 review queue', () => {
  it('lists the flagged notes most confident first, and a confirmed note leaves the tray for its region', () => {
    const { doc, ids } = board(['相談窓口がほしい', '近所で見守る', 'よくわからない', '働く場がほしい']);
    const grouping = answer(doc, new Set([ids[0]!, ids[2]!, ids[3]!]));
    applyAutoGroup(doc, planAutoGroup(doc, { grouping }));
    const queue = reviewQueue(doc);
    const expected = grouping.notes.filter((n) => n.needsReview).sort((x, y) => y.confidence - x.confidence).map((n) => n.id);
    expect(queue.map((q) => q.id)).toEqual(expected);
    expect(queue[0]!.confidence).toBeGreaterThan(queue[2]!.confidence);

    const [first, second, third] = expected as [string, string, string];
    expect(confirmCategory(doc, first, 'participation')).toBe(true);
    expect(confirmCategory(doc, second, 'participation')).toBe(true);
    expect(reviewQueue(doc).map((q) => q.id)).toEqual([third]);
    const notes = new Map(readBoard(doc).notes.map((n) => [n.id, n]));
    const a = notes.get(first)!;
    const b = notes.get(second)!;
    expect(a).toMatchObject({ category: 'participation', categorySource: 'manual' });
    expect(typeof a.categoryX).toBe('number');
    // Two confirmed notes do not land on top of each other, and both lie inside the region.
    expect(a.categoryX !== b.categoryX || a.categoryY !== b.categoryY).toBe(true);
    const region = readGroupingRegions(doc).find((r) => r.category === 'participation')!;
    for (const n of [a, b]) {
      expect(n.categoryX!).toBeGreaterThanOrEqual(region.x);
      expect(n.categoryY! + 120).toBeLessThanOrEqual(region.y + region.h);
    }
  });

  it('uses the server’s grouping as given, and notes it did not see wait in the tray', () => {
    const { doc, ids } = board(['相談窓口がほしい', '近所で見守る']);
    const grouping = answer(doc, new Set());
    addNote(doc, { text: 'あとから来た付箋', x: 0, y: 300, sectionId: null, authorId: 'u1', author: 'a' });
    const r = applyAutoGroup(doc, planAutoGroup(doc, { grouping }));
    expect(r).toMatchObject({ placed: 2, review: 1 });
    expect(reviewQueue(doc).map((q) => q.text)).toEqual(['あとから来た付箋']);
    expect(ids.length).toBe(2);
  });
});
