import { describe, expect, it } from 'vitest';
import { regionFor, regionServes } from './cacheRegion';

const size = { width: 1000, height: 600 };

describe('notes bitmap region', () => {
  it('covers the screen with three quarters of a screen to spare on each side', () => {
    const r = regionFor({ x: 0, y: 0, scale: 0.5 }, size);
    expect(r).toEqual({ x: -1500, y: -900, w: 5000, h: 3000, scale: 0.5 });
  });

  it('serves pans up to the margin and zooms within the stretch limits, and no further', () => {
    const r = regionFor({ x: 0, y: 0, scale: 1 }, size);
    expect(regionServes(r, { x: -400, y: 250, scale: 1 }, size)).toBe(true);
    expect(regionServes(r, { x: -800, y: 0, scale: 1 }, size)).toBe(false);
    expect(regionServes(r, { x: 0, y: 0, scale: 1.5 }, size)).toBe(true);
    // Zooming in, a stretched bitmap stays until 4× (then it is redrawn at once; at rest, sooner).
    expect(regionServes(r, { x: 0, y: 0, scale: 3.5 }, size)).toBe(true);
    expect(regionServes(r, { x: 0, y: 0, scale: 4.5 }, size)).toBe(false);
    expect(regionServes(r, { x: 0, y: 0, scale: 0.4 }, size)).toBe(false);
  });
});
