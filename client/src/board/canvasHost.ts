import type { Note } from '../../../shared/board';
import type { RegionRect } from '../../../shared/grouping';
import type { CanvasHost } from '../actions';
import { panBy, toBoard, toScreen, zoomAt, type Rect, type Viewport } from '../canvas/viewport';
import { TOOLBAR_SPACE } from './useCanvasFit';
import type { ViewportStore } from './viewportStore';

interface CanvasInput {
  viewport: ViewportStore;
  size: { width: number; height: number };
  /** The person's own pans and zooms (they stop following the facilitator). */
  userSetViewport(update: (vp: Viewport) => Viewport): void;
  zoomToFit(): void;
  byCategory: { notes: readonly Note[]; regions: readonly RegionRect[]; tray: Rect } | null;
  projecting: boolean;
}

/** What the canvas screen lends the actions: where the middle of the screen is, and moving the view. */
export function canvasHost({ viewport, size, userSetViewport, zoomToFit, byCategory, projecting }: CanvasInput): CanvasHost {
  const middle = { x: size.width / 2, y: size.height / 2 };
  return {
    centre: () => toBoard(viewport.get(), middle),
    // A note is brought into view (centred) when it is not on screen, so the person sees what they are typing into.
    showOnScreen(n) {
      const vp = viewport.get();
      const tl = toScreen(vp, n);
      const br = toScreen(vp, { x: n.x + n.w, y: n.y + n.h });
      if (tl.x >= 0 && tl.y >= 0 && br.x <= size.width && br.y <= size.height - TOOLBAR_SPACE) return;
      const mid = toScreen(vp, { x: n.x + n.w / 2, y: n.y + n.h / 2 });
      viewport.set(panBy(vp, size.width / 2 - mid.x, (size.height - TOOLBAR_SPACE) / 2 - mid.y));
    },
    zoomToFit,
    zoomBy: (f) => userSetViewport((vp) => zoomAt(vp, middle, f)),
    panBy: (dx, dy) => userSetViewport((vp) => panBy(vp, dx, dy)),
    byCategory: byCategory ? { notes: [...byCategory.notes], regions: byCategory.regions, tray: byCategory.tray } : null,
    projecting,
  };
}
