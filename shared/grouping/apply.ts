import * as Y from 'yjs';
import { metaOf, moveNotes, placeNotesByCategory, readBoard, setNoteCategory, type CategoryPlace, type NoteMove } from '../board/doc';
import { ARRANGEMENT_KEYS, BY_CATEGORY, needsReview, readGroupingRegions, TRAY_WIDTH } from './arrangement';

export { readGroupingRegions };
import { groupNotes, type GroupOptions } from './group';
import { layoutGroups, type GroupLayout, type LayoutOptions } from './layout';
import type { GroupingResult } from './types';

/** Meta keys the grouping writes (JSON values in `doc.getMap('meta')`); `originalLayout` is only read, from boards grouped by older versions. */
export const META_KEYS = {
  regions: 'groupingRegions',
  reasons: 'groupingReasons',
  originalLayout: 'originalLayout',
} as const;

export interface AutoGroupPlan {
  grouping: GroupingResult;
  layout: GroupLayout;
}

export interface GroupingReason {
  confidence: number;
  reasons: string[];
  clusterLabel: string | null;
  /** Left in the 要確認 tray for the facilitator to confirm. */
  needsReview?: boolean;
}

export type OriginalLayout = Record<string, { x: number; y: number; sectionId: string | null }>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the regions go when the caller does not say: where they were last time, else below the worksheet's sections. */
function defaultOrigin(doc: Y.Doc): { x: number; y: number } {
  const prev = metaOf(doc).get(META_KEYS.regions);
  if (Array.isArray(prev) && isObj(prev[0]) && typeof prev[0].x === 'number' && typeof prev[0].y === 'number') {
    return { x: prev[0].x, y: prev[0].y };
  }
  const board = readBoard(doc);
  if (board.sections.length > 0) {
    return {
      x: Math.min(...board.sections.map((s) => s.x)),
      y: Math.max(...board.sections.map((s) => s.y + s.h)) + 160,
    };
  }
  if (board.notes.length > 0) return { x: Math.min(...board.notes.map((n) => n.x)), y: Math.min(...board.notes.map((n) => n.y)) };
  return { x: 0, y: 0 };
}

/**
 * Classifies, clusters and lays out the board's notes (reads the doc, writes nothing). Notes to review stay out
 * of the regions. `grouping` is an answer made elsewhere (the server's learned model); notes written since it
 * was made are not in it and wait in the tray.
 */
export function planAutoGroup(doc: Y.Doc, opts: GroupOptions & { layout?: LayoutOptions; grouping?: GroupingResult } = {}): AutoGroupPlan {
  const board = readBoard(doc);
  const grouping = opts.grouping ?? groupNotes(board.notes, opts);
  const answered = new Set(grouping.notes.map((c) => c.id));
  const review = new Set(grouping.notes.filter(needsReview).map((c) => c.id));
  const layout = layoutGroups(
    board.notes.filter((n) => answered.has(n.id) && !review.has(n.id)),
    grouping,
    { origin: defaultOrigin(doc), ...(opts.layout ?? {}) },
  );
  return { grouping, layout };
}

const clip = (s: string, n: number): string => (Array.from(s).length > n ? Array.from(s).slice(0, n).join('') + '…' : s);

/**
 * A board grouped by an earlier version had its notes taken out of their columns, with the worksheet kept
 * in `originalLayout`: put them back, so grouping now is only the category arrangement.
 */
function restoreLegacyLayout(doc: Y.Doc, origin: unknown): number {
  const meta = metaOf(doc);
  const original = meta.get(META_KEYS.originalLayout);
  if (!isObj(original)) return 0;
  const existing = new Set(readBoard(doc).notes.map((n) => n.id));
  const moves: NoteMove[] = [];
  for (const [id, p] of Object.entries(original as OriginalLayout)) {
    if (!existing.has(id) || !isObj(p) || typeof p.x !== 'number' || typeof p.y !== 'number') continue;
    moves.push({ id, x: p.x, y: p.y, sectionId: typeof p.sectionId === 'string' ? p.sectionId : null });
  }
  moveNotes(doc, moves, origin);
  meta.delete(META_KEYS.originalLayout);
  return moves.length;
}

/**
 * Writes the plan in ONE transaction: categories (source 'auto'; a note set by hand is never overwritten, even if
 * it was corrected after the plan was made), each note's place in the category arrangement (notes to review go
 * to the 要確認 tray), the region rectangles and tray, the per-note reasons, and the switch to the category
 * arrangement. Worksheet positions and columns (x, y, sectionId) are left as they are.
 */
export function applyAutoGroup(doc: Y.Doc, result: AutoGroupPlan, origin: unknown = null): { categorised: number; placed: number; review: number } {
  let categorised = 0;
  let placed = 0;
  let review = 0;
  doc.transact(() => {
    restoreLegacyLayout(doc, origin);
    const board = readBoard(doc);
    const current = new Map(board.notes.map((n) => [n.id, n]));
    const meta = metaOf(doc);

    for (const c of result.grouping.notes) {
      const n = current.get(c.id);
      if (!n || c.manual || n.categorySource === 'manual') continue;
      if (n.category !== c.category || n.categorySource !== 'auto') {
        setNoteCategory(doc, c.id, c.category, 'auto', origin);
        categorised++;
      }
    }

    const at = new Map(result.layout.positions.map((p) => [p.id, { x: Math.round(p.x), y: Math.round(p.y) }]));
    const places: CategoryPlace[] = board.notes.map((n) => ({ id: n.id, at: at.get(n.id) ?? null }));
    placed = places.filter((p) => p.at).length;
    review = places.length - placed;
    placeNotesByCategory(doc, places, origin);

    const regions = result.layout.regions.map((r) => ({
      ...r,
      x: Math.round(r.x),
      y: Math.round(r.y),
      w: Math.round(r.w),
      h: Math.round(r.h),
      clusters: r.clusters.map((c) => ({ ...c, x: Math.round(c.x), y: Math.round(c.y), w: Math.round(c.w), h: Math.round(c.h) })),
    }));
    meta.set(META_KEYS.regions, regions);
    const first = regions[0];
    if (first) meta.set(ARRANGEMENT_KEYS.tray, { x: first.x - TRAY_WIDTH - 80, y: first.y });
    const labelOf = new Map(result.grouping.clusters.map((c) => [c.id, c.label]));
    const reasons: Record<string, GroupingReason> = {};
    for (const c of result.grouping.notes) {
      if (!current.has(c.id)) continue;
      const cid = result.grouping.clusterOf[c.id];
      reasons[c.id] = {
        confidence: Math.round(c.confidence * 100) / 100,
        reasons: c.reasons.slice(0, 3).map((r) => clip(r, 40)),
        clusterLabel: cid ? (labelOf.get(cid) ?? null) : null,
        needsReview: !at.has(c.id),
      };
    }
    meta.set(META_KEYS.reasons, reasons);
    if (meta.get(ARRANGEMENT_KEYS.arrangement) !== BY_CATEGORY) meta.set(ARRANGEMENT_KEYS.arrangement, BY_CATEGORY);
  }, origin);
  return { categorised, placed, review };
}

/**
 * Back to the worksheet arrangement for everyone: every note in its group's column where it was. Categories
 * and category places stay, so the category arrangement can be shown again as it was. Returns notes shown elsewhere.
 */
export function restoreOriginalLayout(doc: Y.Doc, origin: unknown = null): number {
  const meta = metaOf(doc);
  let moved = 0;
  doc.transact(() => {
    const legacy = restoreLegacyLayout(doc, origin);
    if (meta.get(ARRANGEMENT_KEYS.arrangement) === BY_CATEGORY) moved = readBoard(doc).notes.length;
    moved = Math.max(moved, legacy);
    meta.delete(ARRANGEMENT_KEYS.arrangement);
    if (legacy > 0) meta.delete(META_KEYS.regions);
  }, origin);
  return moved;
}

/** The category arrangement again, as the last Auto-group (and later moves) left it. False when there is none. */
export function showCategoryArrangement(doc: Y.Doc, origin: unknown = null): boolean {
  if (readGroupingRegions(doc).length === 0) return false;
  doc.transact(() => metaOf(doc).set(ARRANGEMENT_KEYS.arrangement, BY_CATEGORY), origin);
  return true;
}

/** The per-note reasons stored by applyAutoGroup. */
export function readGroupingReasons(doc: Y.Doc): Record<string, GroupingReason> {
  const v = metaOf(doc).get(META_KEYS.reasons);
  return isObj(v) ? (v as Record<string, GroupingReason>) : {};
}
