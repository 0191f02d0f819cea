import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { metaOf, notesOf, type BoardView, type Note } from '../../../shared/board';
import { META_KEYS, readGroupingReasons, readGroupingRegions, type GroupingReason, type RegionRect } from '../../../shared/grouping';
import { arrangeByCategory, ARRANGEMENT_KEYS, readArrangedByCategory, readTrayOrigin, type CategoryView } from '../../../shared/grouping/arrangement';
import { useDocValue } from '../agenda/useDocValue';
import type { GroupingCanvasApi } from './context';

/** Above this many notes, tweening every one of them costs more than it explains. */
export const GLIDE_MAX_NOTES = 600;
/** How long after a layout change a moved note may still start its glide (the view lags a frame or two). */
const GLIDE_WINDOW_MS = 1_000;
/** A press that moves further than this is a drag, not a tap on the badge. */
const TAP_SLOP_PX = 6;
const LAYOUT_KEYS: readonly string[] = [META_KEYS.regions, META_KEYS.originalLayout, ARRANGEMENT_KEYS.arrangement];

/** "Back to the original layout" has something to do: the board is shown by category, or was grouped by an older version. */
const hasOriginalLayout = (doc: Y.Doc): boolean => readArrangedByCategory(doc) || metaOf(doc).has(META_KEYS.originalLayout);
const NO_REGIONS: RegionRect[] = [];
const NO_REASONS: Record<string, GroupingReason> = {};

export interface WhyState {
  noteId: string;
  pinned: boolean;
}

/** The grouping as the board shows it: regions, reasons, whether a restore is possible, and the canvas API. */
export function useGrouping(doc: Y.Doc | null) {
  const regions = useDocValue(doc, readGroupingRegions, NO_REGIONS);
  const reasons = useDocValue(doc, readGroupingReasons, NO_REASONS);
  const canRestore = useDocValue(doc, hasOriginalLayout, false);
  const byCategory = useDocValue(doc, readArrangedByCategory, false);
  const trayOrigin = useDocValue(doc, readTrayOrigin, null);
  const glideUntil = useGlideWindow(doc);
  const [why, setWhy] = useState<WhyState | null>(null);

  const api = useMemo<GroupingCanvasApi>(
    () => ({
      gliding: () => performance.now() < glideUntil.current,
      hoverWhy: (noteId) => setWhy((w) => (w?.pinned ? w : noteId ? { noteId, pinned: false } : null)),
      pressWhy: (noteId, press) => {
        if (press.button !== 0) return;
        const onEnd = (end: PointerEvent) => {
          if (end.pointerId !== press.pointerId) return;
          window.removeEventListener('pointerup', onEnd, true);
          window.removeEventListener('pointercancel', onEnd, true);
          if (end.type !== 'pointerup' || Math.hypot(end.clientX - press.clientX, end.clientY - press.clientY) > TAP_SLOP_PX) return;
          setWhy((w) => (w?.pinned && w.noteId === noteId ? null : { noteId, pinned: true }));
        };
        window.addEventListener('pointerup', onEnd, true);
        window.addEventListener('pointercancel', onEnd, true);
      },
    }),
    [glideUntil],
  );
  const closeWhy = useCallback(() => setWhy(null), []);
  return { regions, reasons, canRestore, byCategory, trayOrigin, api, why, closeWhy };
}

/**
 * The board as it is shown now: the worksheet, or — while the facilitator has it arranged by category — the
 * same notes at their category places, with the regions and the 要確認 tray. Null in the worksheet arrangement.
 */
export function useCategoryView(view: BoardView, g: { byCategory: boolean; regions: readonly RegionRect[]; trayOrigin: { x: number; y: number } | null }): CategoryView | null {
  const { byCategory, regions, trayOrigin } = g;
  // The same placed note object while neither the note nor its place changed, so memoised note shapes skip re-rendering.
  const [kept] = useState(() => new WeakMap<Note, Note>());
  return useMemo(() => {
    if (!byCategory || regions.length === 0) return null;
    const arranged = arrangeByCategory(view, regions, trayOrigin);
    const notes = arranged.view.notes.map((n, i) => {
      const source = view.notes[i]!;
      if (n === source) return n;
      const old = kept.get(source);
      if (old && old.x === n.x && old.y === n.y) return old;
      kept.set(source, n);
      return n;
    });
    return { ...arranged, view: { ...arranged.view, notes } };
  }, [view, byCategory, regions, trayOrigin, kept]);
}

/**
 * Opens a short window in which moved notes glide, whenever the grouping layout changes — from this
 * browser or anyone else's, including an undo — unless the board is too big or the person asked for less motion.
 */
function useGlideWindow(doc: Y.Doc | null) {
  const until = useRef(0);
  useEffect(() => {
    if (!doc) return;
    const meta = metaOf(doc);
    const onMeta = (e: Y.YMapEvent<unknown>) => {
      if (![...e.keysChanged].some((k) => LAYOUT_KEYS.includes(k))) return;
      const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
      until.current = !reduced && notesOf(doc).size <= GLIDE_MAX_NOTES ? performance.now() + GLIDE_WINDOW_MS : 0;
    };
    meta.observe(onMeta);
    return () => meta.unobserve(onMeta);
  }, [doc]);
  return until;
}
