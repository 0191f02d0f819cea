import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, readBoard } from '../../../shared/board/doc';
import { initBoard } from '../../../shared/board/templates';
import { fitPixelRatio, groupsOf, planPicture, PICTURE_MARGIN } from './picture';

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 't', template: 'impressions-unclear', groups: 3 });
  const view = readBoard(doc);
  const b = view.sections.find((s) => s.group === 'B' && s.kind === 'unclear')!;
  addNote(doc, { text: 'B の付箋', x: b.x + 20, y: b.y + 100, sectionId: b.id, authorId: 'u' });
  // Filed in B but dragged below the worksheet: the group's picture stretches to show it.
  addNote(doc, { text: 'はみ出した付箋', x: b.x + 20, y: b.y + b.h + 300, sectionId: b.id, authorId: 'u' });
  addNote(doc, { text: '遠くの付箋', x: -3000, y: -3000, authorId: 'u' });
  return readBoard(doc);
}

describe('picture plans', () => {
  it('covers the whole board with a margin, in whole board units', () => {
    const view = board();
    const plan = planPicture(view, { kind: 'board' })!;
    expect(plan.notes).toHaveLength(3);
    expect(plan.sections).toHaveLength(view.sections.length);
    expect(plan.bounds.x).toBe(-3000 - PICTURE_MARGIN);
    for (const v of Object.values(plan.bounds)) expect(Number.isInteger(v)).toBe(true);
  });

  it("shows one group's sections and the notes filed in them, not other groups", () => {
    const view = board();
    const plan = planPicture(view, { kind: 'group', group: 'B' })!;
    expect(new Set(plan.sections.map((s) => s.group))).toEqual(new Set(['B']));
    expect(plan.notes.map((n) => n.text).sort()).toEqual(['B の付箋', 'はみ出した付箋']);
    const b = view.sections.filter((s) => s.group === 'B');
    expect(plan.bounds.w).toBe(Math.max(...b.map((s) => s.x + s.w)) - Math.min(...b.map((s) => s.x)) + 2 * PICTURE_MARGIN);
  });

  it('shows one section; nothing for an unknown one', () => {
    const view = board();
    const s = view.sections.find((x) => x.group === 'B' && x.kind === 'unclear')!;
    const plan = planPicture(view, { kind: 'section', sectionId: s.id })!;
    expect(plan.sections.map((x) => x.id)).toEqual([s.id]);
    expect(plan.bounds.w).toBe(s.w + 2 * PICTURE_MARGIN);
    expect(planPicture(view, { kind: 'section', sectionId: 'nope' })).toBeNull();
    expect(groupsOf(view)).toEqual(['A', 'B', 'C']);
  });

  it('keeps the asked pixel ratio unless the canvas would be too big for a browser', () => {
    expect(fitPixelRatio({ x: 0, y: 0, w: 3800, h: 1200 }, 3)).toBe(3);
    const big = fitPixelRatio({ x: 0, y: 0, w: 15_000, h: 1200 }, 3);
    expect(big).toBeLessThan(1.1);
    expect(15_000 * big).toBeLessThanOrEqual(16_384);
  });
});
