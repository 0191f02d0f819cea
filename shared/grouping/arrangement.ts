import type * as Y from 'yjs';
import { metaOf, type BoardView } from '../board/doc';
import type { Note } from '../board/schema';
import type { RegionRect } from './layout';
import type { NoteClassification } from './types';

/**
 * The category arrangement is a second way of laying out the same notes, not a move out of the worksheet:
 * Auto-group writes each note's place in it to `categoryX`/`categoryY` and switches `meta.arrangement` to
 * 'categories' for everyone; x, y and sectionId (the note's group and column) are never touched, so phones,
 * the list view and the group pages of the exports read the worksheet as before.
 */
export const ARRANGEMENT_KEYS = {
  arrangement: 'arrangement',
  /** Top-left of the 要確認 tray: `{x, y}`, written by Auto-group. */
  tray: 'groupingTray',
} as const;
export const BY_CATEGORY = 'categories';

/** Below this confidence a note goes to the 要確認 tray instead of its region (the dev notes' wrong guesses sit at 0.4–0.5). */
export const REVIEW_BELOW = 0.6;

/** Whether the facilitator should confirm this note's category by hand. */
export function needsReview(c: Pick<NoteClassification, 'confidence' | 'manual'> & { needsReview?: boolean }): boolean {
  if (typeof c.needsReview === 'boolean') return c.needsReview;
  return !c.manual && c.confidence < REVIEW_BELOW;
}

export const TRAY = { columns: 2, gap: 16, padding: 24, headerHeight: 56, noteW: 160, noteH: 120 } as const;
export const TRAY_WIDTH = TRAY.columns * TRAY.noteW + (TRAY.columns - 1) * TRAY.gap + 2 * TRAY.padding;

export interface TrayRect {
  x: number;
  y: number;
  w: number;
  h: number;
  noteIds: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The region rectangles stored by applyAutoGroup (empty when none or malformed), for the client to draw. */
export function readGroupingRegions(doc: Y.Doc): RegionRect[] {
  const v = metaOf(doc).get('groupingRegions');
  if (!Array.isArray(v)) return [];
  return v.filter(
    (r): r is RegionRect =>
      isObj(r) && typeof r.x === 'number' && typeof r.y === 'number' && typeof r.w === 'number' && typeof r.h === 'number' && typeof r.label === 'string',
  );
}

/** The board arranged by category as the last Auto-group left it, whether or not it is shown now; null if never grouped. */
export function categoryViewOf(doc: Y.Doc, view: BoardView): CategoryView | null {
  const regions = readGroupingRegions(doc);
  return regions.length > 0 ? arrangeByCategory(view, regions, readTrayOrigin(doc)) : null;
}

export function readArrangedByCategory(doc: Y.Doc): boolean {
  return metaOf(doc).get(ARRANGEMENT_KEYS.arrangement) === BY_CATEGORY;
}

export function readTrayOrigin(doc: Y.Doc): { x: number; y: number } | null {
  const v = metaOf(doc).get(ARRANGEMENT_KEYS.tray);
  return isObj(v) && typeof v.x === 'number' && typeof v.y === 'number' ? { x: v.x, y: v.y } : null;
}

export interface CategoryView {
  /** The board as drawn by category: notes at their category places (tray notes in the tray), no worksheet frames. */
  view: BoardView;
  /** Regions with live counts (notes placed in each, not in the tray). */
  regions: RegionRect[];
  tray: TrayRect;
}

const placed = (n: Note): n is Note & { categoryX: number; categoryY: number } => typeof n.categoryX === 'number' && typeof n.categoryY === 'number';

/**
 * Pure: the board as the category arrangement shows it, on every client and in the pictures alike.
 * Notes without a category place (flagged for review, or written since the last Auto-group) line up in the
 * tray in the order they were written.
 */
export function arrangeByCategory(view: BoardView, regions: readonly RegionRect[], trayOrigin: { x: number; y: number } | null): CategoryView {
  const first = regions[0];
  const origin = trayOrigin ?? (first ? { x: first.x - TRAY_WIDTH - 80, y: first.y } : { x: 0, y: 0 });
  const inTray = view.notes.filter((n) => !placed(n));
  const step = { x: TRAY.noteW + TRAY.gap, y: TRAY.noteH + TRAY.gap };
  const trayPlace = new Map(
    inTray.map((n, i) => [n.id, { x: origin.x + TRAY.padding + (i % TRAY.columns) * step.x, y: origin.y + TRAY.headerHeight + Math.floor(i / TRAY.columns) * step.y }]),
  );
  const rows = Math.ceil(inTray.length / TRAY.columns);
  const tallest = Math.max(0, ...regions.map((r) => r.h));
  const tray: TrayRect = {
    x: origin.x,
    y: origin.y,
    w: TRAY_WIDTH,
    h: Math.max(tallest, TRAY.headerHeight + Math.max(1, rows) * step.y - TRAY.gap + TRAY.padding),
    noteIds: inTray.map((n) => n.id),
  };
  const notes = view.notes.map((n) => {
    const at = placed(n) ? { x: n.categoryX, y: n.categoryY } : trayPlace.get(n.id)!;
    return at.x === n.x && at.y === n.y ? n : { ...n, x: at.x, y: at.y };
  });
  const counts = new Map<string, number>();
  for (const n of view.notes) if (placed(n)) counts.set(n.category, (counts.get(n.category) ?? 0) + 1);
  return {
    view: { ...view, notes, sections: [] },
    regions: regions.map((r) => ({ ...r, count: counts.get(r.category) ?? 0 })),
    tray,
  };
}
