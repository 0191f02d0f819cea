/** Where the board sits on screen: screen = board * scale + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;
const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

export const toBoard = (vp: Viewport, p: Point): Point => ({ x: (p.x - vp.x) / vp.scale, y: (p.y - vp.y) / vp.scale });
export const toScreen = (vp: Viewport, p: Point): Point => ({ x: p.x * vp.scale + vp.x, y: p.y * vp.scale + vp.y });

/** Zooms by `factor` keeping the board point under `screen` where it is, as every canvas app does. */
export function zoomAt(vp: Viewport, screen: Point, factor: number): Viewport {
  const scale = clampScale(vp.scale * factor);
  const anchor = toBoard(vp, screen);
  return { scale, x: screen.x - anchor.x * scale, y: screen.y - anchor.y * scale };
}

export const panBy = (vp: Viewport, dx: number, dy: number): Viewport => ({ ...vp, x: vp.x + dx, y: vp.y + dy });

/** The viewport that shows `bounds` whole and centred, with a margin; never zooms in past 100 %. */
export function fitRect(bounds: Rect | null, size: { width: number; height: number }, margin = 48): Viewport {
  if (!bounds || bounds.w <= 0 || bounds.h <= 0 || size.width <= 0 || size.height <= 0) return { x: margin, y: margin, scale: 1 };
  const scale = clampScale(Math.min((size.width - margin * 2) / bounds.w, (size.height - margin * 2) / bounds.h, 1));
  return {
    scale,
    x: (size.width - bounds.w * scale) / 2 - bounds.x * scale,
    y: (size.height - bounds.h * scale) / 2 - bounds.y * scale,
  };
}

/** The part of the board on screen, grown by `margin` screen pixels so shapes do not pop in at the edge. */
export function visibleRect(vp: Viewport, size: { width: number; height: number }, margin = 100): Rect {
  const tl = toBoard(vp, { x: -margin, y: -margin });
  return { x: tl.x, y: tl.y, w: (size.width + margin * 2) / vp.scale, h: (size.height + margin * 2) / vp.scale };
}

export const intersects = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

export function unionRect(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** Below this, sticky-note text is unreadable: a phone opening a wide board starts at its top-left instead. */
export const READABLE_SCALE = 0.3;

/** The first view of a board: all of it if that stays readable, else its top-left corner at a readable zoom. */
export function initialView(bounds: Rect | null, size: { width: number; height: number }, margin = 24): Viewport {
  const fit = fitRect(bounds, size);
  if (!bounds || fit.scale >= READABLE_SCALE) return fit;
  return { scale: READABLE_SCALE, x: margin - bounds.x * READABLE_SCALE, y: margin - bounds.y * READABLE_SCALE };
}

/** How much of a column's top a fitted view keeps, so the notes are seen under their column's title. */
const TITLE_STRIP = 72;

/**
 * What a fitted view shows: the notes, with the titles of the columns they are in, not the empty paper of a
 * worksheet (a board's frames are drawn for the most notes a group may write). A board without notes: all of it.
 */
export function notesFocus(notes: readonly Rect[], frames: readonly Rect[]): Rect | null {
  const held = unionRect(notes);
  if (!held) return unionRect(frames);
  const titles = frames.filter((f) => notes.some((n) => intersects(f, n))).map((f) => ({ x: f.x, y: f.y, w: f.w, h: TITLE_STRIP }));
  return unionRect([held, ...titles]);
}

/** The most one wheel event zooms: a mouse wheel's notch zooms as far as the + and − buttons do. */
export const WHEEL_ZOOM_STEP = 1.25;

/**
 * The zoom factor of a ctrl+wheel event (`dy` in pixels). A trackpad pinch sends many small deltas and zooms
 * smoothly; a mouse wheel sends one large delta a notch, which unclamped zoomed 31 % → 343 % in two notches.
 */
export function wheelZoomFactor(dy: number): number {
  return Math.min(WHEEL_ZOOM_STEP, Math.max(1 / WHEEL_ZOOM_STEP, Math.exp(-dy * 0.01)));
}
