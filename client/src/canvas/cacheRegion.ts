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
 * Whether the bitmap drawn for `region` still serves this view: the screen lies inside it and the zoom
 * has not moved far from the one it was drawn at (beyond that it would look blurred or waste memory).
 * A zoom within that range is redrawn sharp once the view rests (useCacheRegion).
 */
export function regionServes(region: CacheRegion, vp: Viewport, size: { width: number; height: number }): boolean {
  const ratio = vp.scale / region.scale;
  if (ratio > 2 || ratio < 0.5) return false;
  const tl = toBoard(vp, { x: 0, y: 0 });
  const br = toBoard(vp, { x: size.width, y: size.height });
  return tl.x >= region.x && tl.y >= region.y && br.x <= region.x + region.w && br.y <= region.y + region.h;
}
