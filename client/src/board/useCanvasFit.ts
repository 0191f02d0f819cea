import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { notesOf, sectionsOf } from '../../../shared/board';
import { fitRect, initialView, unionRect, type Rect } from '../canvas/viewport';
import { GLIDE_SECONDS } from '../grouping/context';
import type { ViewportStore } from './viewportStore';

/** The floating toolbar covers the bottom of the stage; a fitted view keeps clear of it. */
export const TOOLBAR_SPACE = 72;

interface FitInput {
  doc: Y.Doc | null;
  online: boolean;
  /** Notes and sections of the board, to tell "has content" from "synced empty". */
  contentCount: number;
  contentBounds(): Rect | null;
  size: { width: number; height: number };
  viewport: ViewportStore;
  arranged: boolean;
  projecting: boolean;
}

/**
 * When the canvas refits by itself: once when the board's content first shows, when the board switches
 * between the worksheet and the category arrangement, and when projector mode resizes the stage.
 */
export function useCanvasFit({ doc, online, contentCount, contentBounds, size, viewport, arranged, projecting }: FitInput): void {
  const setViewport = viewport.set;
  // Fit once, when the board's content first shows; a board that synced empty keeps the default view.
  // (The view lags the doc by a frame, so "synced and empty" is checked on the doc itself.)
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || size.width === 0 || !doc) return;
    if (contentCount > 0) {
      fitted.current = true;
      setViewport(initialView(contentBounds(), size));
    } else if (online && notesOf(doc).size + sectionsOf(doc).size === 0) {
      fitted.current = true;
    }
  }, [doc, contentCount, online, size, contentBounds, setViewport]);

  // The whole board changes place when it switches between the worksheet and the category arrangement (anyone's
  // Auto-group, undo or restore): every screen refits, first taking in both so the notes are seen gliding across.
  const lastArrangement = useRef({ arranged, bounds: null as Rect | null });
  const closeUp = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const last = lastArrangement.current;
    const bounds = contentBounds();
    lastArrangement.current = { arranged, bounds };
    if (last.arranged === arranged || !fitted.current || !bounds || size.width === 0) return;
    const area = { width: size.width, height: size.height - TOOLBAR_SPACE };
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (reduced || !last.bounds) {
      clearTimeout(closeUp.current);
      setViewport(fitRect(bounds, area));
      return;
    }
    setViewport(fitRect(unionRect([last.bounds, bounds]), area));
    clearTimeout(closeUp.current);
    closeUp.current = setTimeout(() => setViewport(fitRect(bounds, area)), GLIDE_SECONDS * 1000 + 400);
  }, [arranged, contentBounds, size, setViewport]);
  useEffect(() => () => clearTimeout(closeUp.current), []);

  // Projector mode hides the header and toolbars: once the stage has grown to the whole screen, the notes fill it.
  const refitOnResize = useRef(false);
  useEffect(() => {
    if (fitted.current) refitOnResize.current = true;
  }, [projecting]);
  useEffect(() => {
    if (!refitOnResize.current || size.width === 0) return;
    refitOnResize.current = false;
    setViewport(fitRect(contentBounds(), size));
  }, [size, contentBounds, setViewport]);
}
