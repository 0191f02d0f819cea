import { useEffect, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import type Konva from 'konva';
import { useGroupingCanvas } from '../grouping/context';
import { GLIDE_SECONDS } from '../grouping/useGlide';
import { regionFor, regionServes, type CacheRegion } from './cacheRegion';
import { onNoteTextsReady } from './NoteText';
import type { Viewport } from './viewport';

/**
 * Below this many notes on screen they are drawn live each frame (cheap, and the simplest); from it on
 * the resting notes are drawn once into one bitmap and a pan or zoom only moves that bitmap, which is
 * what keeps a national training day's board of thousands of notes smooth on an old laptop.
 */
export const BITMAP_MIN_NOTES = 20;
/** A coarse hit map is enough to tell which note is under the pointer, and it is a big canvas. */
const HIT_RATIO = 0.5;

/** How long the view rests after a zoom before the bitmap is redrawn sharp at the new zoom. */
const SETTLE_MS = 200;

/**
 * The region the notes bitmap covers: it moves when the view leaves it or the zoom changes a lot, and
 * once a zoom gesture has rested, so the bitmap is scaled during the gesture and sharp after it.
 */
export function useCacheRegion(vp: Viewport, size: { width: number; height: number }): CacheRegion {
  const [region, setRegion] = useState(() => regionFor(vp, size));
  const serves = regionServes(region, vp, size);
  // One object per view, so the render that needs a new region and the one after it agree on it.
  const fresh = useMemo(() => regionFor(vp, size), [vp, size]);
  useLayoutEffect(() => {
    if (!serves) setRegion(fresh);
  }, [serves, fresh]);
  const rescaled = serves && vp.scale !== region.scale;
  useEffect(() => {
    if (!rescaled) return;
    const t = setTimeout(() => setRegion(regionFor(vp, size)), SETTLE_MS);
    return () => clearTimeout(t);
  }, [rescaled, vp, size]);
  return serves ? region : fresh;
}

/**
 * Keeps the group of resting notes as one bitmap of `region` while `on`, redrawn whenever `version`
 * (everything the notes are drawn from) changes. While notes glide after an auto-group it draws them
 * live, so the movement is seen, and redraws the bitmap when they have arrived.
 */
export function useNotesBitmap(group: RefObject<Konva.Group | null>, on: boolean, region: CacheRegion, version: readonly unknown[]): void {
  const grouping = useGroupingCanvas();
  const [afterGlide, setAfterGlide] = useState(0);
  // Note texts shown as bars while the page was busy are drawn now: the bitmap takes them in.
  const [textsReady, setTextsReady] = useState(0);
  useEffect(() => onNoteTextsReady(() => setTextsReady((n) => n + 1)), []);
  useLayoutEffect(() => {
    const g = group.current;
    if (!g) return;
    if (!on || grouping.gliding()) {
      if (g.isCached()) g.clearCache();
      g.getLayer()?.batchDraw();
      return;
    }
    const ratio = region.scale * (window.devicePixelRatio || 1);
    g.cache({ x: region.x, y: region.y, width: region.w, height: region.h, pixelRatio: ratio, hitCanvasPixelRatio: ratio * HIT_RATIO });
    g.getLayer()?.batchDraw();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [group, on, region, afterGlide, textsReady, grouping, ...version]);
  useEffect(() => {
    if (!on || !grouping.gliding()) return;
    const t = setTimeout(() => setAfterGlide((n) => n + 1), GLIDE_SECONDS * 1000 + 60);
    return () => clearTimeout(t);
  });
}
