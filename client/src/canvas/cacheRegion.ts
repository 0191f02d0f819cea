import { toBoard, type Rect, type Viewport } from './viewport';

/** The area drawn into the notes bitmap, in board units, and the zoom it was drawn for. */
export interface CacheRegion extends Rect {
  scale: number;
}

/** Three quarters of a screen of margin on every side: a pan can go that far before the bitmap is redrawn. */
const MARGIN = 0.75;

export function regionFor(vp: Viewport, size: { width: number; height: number }): CacheRegion {
  const tl = toBoard(vp, { x: -size.width * MARGIN, y: -size.height * MARGIN });
  return { x: tl.x, y: tl.y, w: (size.width * (1 + 2 * MARGIN)) / vp.scale, h: (size.height * (1 + 2 * MARGIN)) / vp.scale, scale: vp.scale };
}

/**
 * How far a zoom may stretch the bitmap before it is redrawn in the middle of the gesture. Zooming in,
 * a stretched bitmap is only blurred, and redrawing all the notes costs a frame of 50 ms or more on a
 * full board; zooming out, the screen soon needs notes the bitmap does not hold.
 */
export const STRETCH_IN = 4;
export const STRETCH_OUT = 0.5;

/**
 * Whether the bitmap drawn for `region` still serves this view: the screen lies inside it and the zoom
 * has not moved far from the one it was drawn at (STRETCH_IN, STRETCH_OUT). A zoom within that range
 * is redrawn sharp once the view rests (useCacheRegion).
 */
export function regionServes(region: CacheRegion, vp: Viewport, size: { width: number; height: number }): boolean {
  const ratio = vp.scale / region.scale;
  if (ratio > STRETCH_IN || ratio < STRETCH_OUT) return false;
  const tl = toBoard(vp, { x: 0, y: 0 });
  const br = toBoard(vp, { x: size.width, y: size.height });
  return tl.x >= region.x && tl.y >= region.y && br.x <= region.x + region.w && br.y <= region.y + region.h;
}
