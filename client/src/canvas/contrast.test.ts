import { describe, expect, it } from 'vitest';
import { NOTE_COLORS } from '../../../shared/board';
import { userColor } from '../board/storage';
import { NOTE_INK, NOTE_INK_SOFT } from './style';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('colours on the canvas (axe cannot see into a canvas)', () => {
  it('gives note text, placeholder and author at least 4.5:1 on every note colour', () => {
    for (const paper of NOTE_COLORS) {
      expect(contrast(NOTE_INK, paper), `text on ${paper}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(NOTE_INK_SOFT, paper), `author and placeholder on ${paper}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives the white names on other people’s cursors at least 4.5:1', () => {
    const colours = new Set(Array.from({ length: 200 }, (_, i) => userColor(`user-${i}`)));
    expect(colours.size).toBeGreaterThan(4);
    for (const c of colours) expect(contrast('#ffffff', c), c).toBeGreaterThanOrEqual(4.5);
  });
});
