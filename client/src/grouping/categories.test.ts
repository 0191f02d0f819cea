import { describe, expect, it } from 'vitest';
import { ALL_STYLES, BADGE_TEXT, categoryStyle, contrastRatio, regionTitle } from './categories';

describe('category colours', () => {
  it('keeps badge labels and region titles readable (WCAG AA, 4.5:1)', () => {
    for (const s of ALL_STYLES) {
      expect(contrastRatio(BADGE_TEXT, s.strong), `white on ${s.strong}`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(s.strong, s.tint), `${s.strong} on ${s.tint}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('measures contrast the WCAG way', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(() => contrastRatio('red', '#fff')).toThrow(/#rrggbb/);
  });

  it('gives each of the three supports its own colour and a stable one to a board’s own category', () => {
    const strong = ['consultation', 'participation', 'community', 'unsorted'].map((c) => categoryStyle(c).strong);
    expect(new Set(strong).size).toBe(4);
    expect(categoryStyle('disaster')).toEqual(categoryStyle('disaster'));
  });

  it('titles the regions in Japanese with an English subtitle', () => {
    expect(regionTitle('community')).toEqual({ ja: '地域づくりに向けた支援', en: 'Community-building' });
    expect(regionTitle('disaster', { ja: '防災', en: 'Disaster preparedness' })).toEqual({ ja: '防災', en: 'Disaster preparedness' });
  });
});
