import { describe, expect, it } from 'vitest';
import { READABLE_TEXT_PX, readableFontSize, textScaleFor } from './style';

describe('readable note text', () => {
  it('keeps a note its own size close up', () => {
    expect(readableFontSize(16, textScaleFor(1), 88, 1.35)).toBe(16);
    expect(readableFontSize(12, textScaleFor(1.5), 88, 1.35)).toBe(12);
  });
  it('never draws text under the readable size on screen at a fitted projector zoom', () => {
    for (const scale of [0.3, 0.42, 0.48, 0.6, 0.8, 0.95]) {
      for (const base of [10, 12, 14, 16]) expect(readableFontSize(base, textScaleFor(scale), 88, 1.35) * scale).toBeGreaterThanOrEqual(READABLE_TEXT_PX);
    }
  });
  it('never grows the text past one line of its box', () => {
    expect(readableFontSize(16, textScaleFor(0.1), 88, 1.35)).toBeCloseTo(88 / 1.35);
  });
  it('sizes text for a few zoom levels, not every zoom step', () => {
    expect(textScaleFor(0.49)).toBe(textScaleFor(0.48));
    expect(textScaleFor(0.48)).toBeLessThanOrEqual(0.48);
  });
});
