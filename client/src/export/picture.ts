import type { BoardView } from '../../../shared/board/doc';
import type { Note, Section } from '../../../shared/board/schema';
import type { RegionRect } from '../../../shared/grouping/layout';
import type { CategoryView, TrayRect } from '../../../shared/grouping/arrangement';
import { unionRect, type Rect } from '../canvas/viewport';

/**
 * What a picture shows: the whole board, one group (its まとめ and columns), or one section — always the
 * worksheet — or the board arranged by category (regions, clusters, the 要確認 tray).
 */
export type PictureScope = { kind: 'board' } | { kind: 'group'; group: string } | { kind: 'section'; sectionId: string } | { kind: 'categories' };

export interface PicturePlan {
  /** The board area drawn, in board units, margin included; whole numbers so pixel sizes are exact. */
  bounds: Rect;
  sections: Section[];
  notes: Note[];
  /** Set for the category arrangement: the regions and the tray, drawn under the notes. */
  categories?: { regions: RegionRect[]; tray: TrayRect };
}

/** White space around the content, in board units. */
export const PICTURE_MARGIN = 40;
/**
 * Browsers refuse canvases past about 32k pixels a side or 268M pixels; phones give up far earlier.
 * A picture that would be bigger gets a lower pixel ratio instead of failing.
 */
export const MAX_SIDE_PX = 16_384;
export const MAX_AREA_PX = 64_000_000;

const intersects = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function grow(r: Rect, margin: number): Rect {
  const x = Math.floor(r.x - margin);
  const y = Math.floor(r.y - margin);
  return { x, y, w: Math.ceil(r.x + r.w + margin) - x, h: Math.ceil(r.y + r.h + margin) - y };
}

/** The area of the scope: its sections, stretched to hold the notes filed in them. Null when the scope has nothing. */
function scopeArea(view: BoardView, scope: Exclude<PictureScope, { kind: 'categories' }>): Rect | null {
  if (scope.kind === 'board') return unionRect([...view.sections, ...view.notes]);
  const own = view.sections.filter((s) => (scope.kind === 'group' ? s.group === scope.group : s.id === scope.sectionId));
  const ids = new Set(own.map((s) => s.id));
  return unionRect([...own, ...view.notes.filter((n) => n.sectionId !== null && ids.has(n.sectionId))]);
}

/** Everything that lies in the scope's area, as it lies there: a picture shows what people see on the board. */
export function planPicture(view: BoardView, scope: PictureScope, byCategory: CategoryView | null = null): PicturePlan | null {
  if (scope.kind === 'categories') {
    if (!byCategory) return null;
    const { regions, tray } = byCategory;
    const area = unionRect([...regions, ...(tray.noteIds.length ? [tray] : []), ...byCategory.view.notes]);
    if (!area) return null;
    return { bounds: grow(area, PICTURE_MARGIN), sections: [], notes: byCategory.view.notes, categories: { regions, tray } };
  }
  const area = scopeArea(view, scope);
  if (!area) return null;
  return {
    bounds: grow(area, PICTURE_MARGIN),
    sections: view.sections.filter((s) => intersects(s, area)),
    notes: view.notes.filter((n) => intersects(n, area)),
  };
}

/** The requested pixel ratio, lowered only as far as a canvas of this size needs. */
export function fitPixelRatio(bounds: Rect, wanted: number): number {
  const bySide = MAX_SIDE_PX / Math.max(bounds.w, bounds.h);
  const byArea = Math.sqrt(MAX_AREA_PX / (bounds.w * bounds.h));
  return Math.min(wanted, bySide, byArea);
}

/** Groups in board order, for the menu and the PDF's pages. */
export const groupsOf = (view: BoardView): string[] => [...new Set(view.sections.map((s) => s.group).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'ja'));
