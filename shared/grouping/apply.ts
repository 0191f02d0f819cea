import * as Y from 'yjs';
import { metaOf, moveNotes, readBoard, setNoteCategory, type NoteMove } from '../board/doc';
import { groupNotes, type GroupOptions } from './group';
import { layoutGroups, type GroupLayout, type LayoutOptions, type RegionRect } from './layout';
import type { GroupingResult } from './types';

/** Meta keys the grouping writes (JSON values in `doc.getMap('meta')`). */
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

/** Classifies, clusters and lays out the board's notes (reads the doc, writes nothing). */
export function planAutoGroup(doc: Y.Doc, opts: GroupOptions & { layout?: LayoutOptions } = {}): AutoGroupPlan {
  const board = readBoard(doc);
  const grouping = groupNotes(board.notes, opts);
  const layout = layoutGroups(board.notes, grouping, { origin: defaultOrigin(doc), ...(opts.layout ?? {}) });
  return { grouping, layout };
}

const clip = (s: string, n: number): string => (Array.from(s).length > n ? Array.from(s).slice(0, n).join('') + '…' : s);

/**
 * Writes the plan in ONE transaction: categories (source 'auto'; a note set by hand is never overwritten, even if
 * it was corrected after the plan was made), positions (notes leave their sections), the region rectangles,
 * the per-note reasons, and — for notes not yet recorded — the pre-grouping positions for restoreOriginalLayout.
 */
export function applyAutoGroup(doc: Y.Doc, result: AutoGroupPlan, origin: unknown = null): { categorised: number; moved: number } {
  let categorised = 0;
  let moved = 0;
  doc.transact(() => {
    const board = readBoard(doc);
    const current = new Map(board.notes.map((n) => [n.id, n]));
    const meta = metaOf(doc);

    const prevOriginal = meta.get(META_KEYS.originalLayout);
    const original: OriginalLayout = isObj(prevOriginal) ? { ...(prevOriginal as OriginalLayout) } : {};
    let originalChanged = !isObj(prevOriginal);
    for (const n of board.notes) {
      if (!original[n.id]) {
        original[n.id] = { x: n.x, y: n.y, sectionId: n.sectionId };
        originalChanged = true;
      }
    }
    if (originalChanged) meta.set(META_KEYS.originalLayout, original);

    for (const c of result.grouping.notes) {
      const n = current.get(c.id);
      if (!n || c.manual || n.categorySource === 'manual') continue;
      if (n.category !== c.category || n.categorySource !== 'auto') {
        setNoteCategory(doc, c.id, c.category, 'auto', origin);
        categorised++;
      }
    }

    const moves: NoteMove[] = result.layout.positions
      .filter((p) => current.has(p.id))
      .map((p) => ({ id: p.id, x: Math.round(p.x), y: Math.round(p.y), sectionId: null }));
    moved = moves.length;
    moveNotes(doc, moves, origin);

    meta.set(
      META_KEYS.regions,
      result.layout.regions.map((r) => ({
        ...r,
        x: Math.round(r.x),
        y: Math.round(r.y),
        w: Math.round(r.w),
        h: Math.round(r.h),
        clusters: r.clusters.map((c) => ({ ...c, x: Math.round(c.x), y: Math.round(c.y), w: Math.round(c.w), h: Math.round(c.h) })),
      })),
    );
    const labelOf = new Map(result.grouping.clusters.map((c) => [c.id, c.label]));
    const reasons: Record<string, GroupingReason> = {};
    for (const c of result.grouping.notes) {
      if (!current.has(c.id)) continue;
      const cid = result.grouping.clusterOf[c.id];
      reasons[c.id] = {
        confidence: Math.round(c.confidence * 100) / 100,
        reasons: c.reasons.slice(0, 3).map((r) => clip(r, 40)),
        clusterLabel: cid ? (labelOf.get(cid) ?? null) : null,
      };
    }
    meta.set(META_KEYS.reasons, reasons);
  }, origin);
  return { categorised, moved };
}

/** Moves notes back to where they were before the first auto-grouping and clears the regions. Returns notes moved. */
export function restoreOriginalLayout(doc: Y.Doc, origin: unknown = null): number {
  const meta = metaOf(doc);
  const original = meta.get(META_KEYS.originalLayout);
  let moved = 0;
  doc.transact(() => {
    if (isObj(original)) {
      const existing = new Set(readBoard(doc).notes.map((n) => n.id));
      const moves: NoteMove[] = [];
      for (const [id, p] of Object.entries(original as OriginalLayout)) {
        if (!existing.has(id) || !isObj(p) || typeof p.x !== 'number' || typeof p.y !== 'number') continue;
        moves.push({ id, x: p.x, y: p.y, sectionId: typeof p.sectionId === 'string' ? p.sectionId : null });
      }
      moveNotes(doc, moves, origin);
      moved = moves.length;
    }
    meta.delete(META_KEYS.originalLayout);
    meta.delete(META_KEYS.regions);
  }, origin);
  return moved;
}

/** The region rectangles stored by applyAutoGroup (empty when none or malformed), for the client to draw. */
export function readGroupingRegions(doc: Y.Doc): RegionRect[] {
  const v = metaOf(doc).get(META_KEYS.regions);
  if (!Array.isArray(v)) return [];
  return v.filter(
    (r): r is RegionRect =>
      isObj(r) && typeof r.x === 'number' && typeof r.y === 'number' && typeof r.w === 'number' && typeof r.h === 'number' && typeof r.label === 'string',
  );
}

/** The per-note reasons stored by applyAutoGroup. */
export function readGroupingReasons(doc: Y.Doc): Record<string, GroupingReason> {
  const v = metaOf(doc).get(META_KEYS.reasons);
  return isObj(v) ? (v as Record<string, GroupingReason>) : {};
}
