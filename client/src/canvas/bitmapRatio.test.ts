import { describe, expect, it } from 'vitest';
import { cacheRatioFor } from './bitmapRatio';

describe('note bitmap resolution', () => {
  it('draws bitmaps for powers of two of the zoom, sharp on high-density screens', () => {
    expect(cacheRatioFor(1, 1)).toBe(1);
    expect(cacheRatioFor(0.3, 1)).toBe(0.5);
    expect(cacheRatioFor(0.3, 2)).toBe(1);
    expect(cacheRatioFor(1.2, 2)).toBe(4);
    expect(cacheRatioFor(4, 1)).toBe(4);
    expect(cacheRatioFor(0.1, 1)).toBe(0.125);
  });
});
