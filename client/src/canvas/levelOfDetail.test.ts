import { describe, expect, it } from 'vitest';
import { cacheRatioFor, levelOfDetail } from './levelOfDetail';

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

describe('level of detail', () => {
  it('draws text as bars and drops shadows when zoomed far out', () => {
    expect(levelOfDetail(0.1, 2000, 1)).toMatchObject({ detail: 'low', shadow: false, cacheRatio: 0.125 });
  });
  it('keeps full text and shadows for a workshop-sized view at 100 %', () => {
    expect(levelOfDetail(1, 40, 2)).toMatchObject({ detail: 'full', shadow: true, cacheRatio: 2 });
  });
  it('drops shadows when hundreds of notes are on screen, even close up', () => {
    expect(levelOfDetail(0.6, 300, 1).shadow).toBe(false);
    expect(levelOfDetail(0.6, 300, 1).detail).toBe('full');
  });
});
