import { useEffect, useState } from 'react';

/** Note text bitmaps are drawn for zoom levels in powers of two, so a small zoom does not redraw every note. */
export const cacheRatioFor = (scale: number, devicePixelRatio: number): number => {
  const step = 2 ** Math.ceil(Math.log2(Math.max(scale, 1 / 16)));
  return Math.min(4, step) * devicePixelRatio;
};

/**
 * The zoom the text bitmaps are drawn for: follows the view's scale once it has rested for a moment, so
 * a zoom gesture scales the existing bitmaps instead of redrawing every note's text at each step.
 */
export function useSettledCacheRatio(scale: number, settleMs = 180): number {
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const target = cacheRatioFor(scale, dpr);
  const [ratio, setRatio] = useState(target);
  useEffect(() => {
    if (target === ratio) return;
    const t = setTimeout(() => setRatio(target), settleMs);
    return () => clearTimeout(t);
  }, [target, ratio, settleMs]);
  return ratio;
}
