import { describe, expect, it } from 'vitest';
import { NOTE_SIZE, layoutTemplate } from '../../../shared/board';
import { placeInSection } from './placement';

describe('where a note sent from a phone lands', () => {
  const section = layoutTemplate('impressions-unclear', 1).find((s) => s.kind === 'impression')!;
  const inside = (p: { x: number; y: number }) =>
    p.x >= section.x && p.y >= section.y && p.x + NOTE_SIZE.w <= section.x + section.w && p.y + NOTE_SIZE.h <= section.y + section.h;

  it('lines notes up inside the column without overlapping, until the column is full', () => {
    const spots = Array.from({ length: 12 }, (_, i) => placeInSection(section, i));
    for (const p of spots) expect(inside(p)).toBe(true);
    for (let i = 0; i < spots.length; i++)
      for (let j = i + 1; j < spots.length; j++) {
        const [a, b] = [spots[i]!, spots[j]!];
        expect(Math.abs(a.x - b.x) >= NOTE_SIZE.w || Math.abs(a.y - b.y) >= NOTE_SIZE.h).toBe(true);
      }
  });

  it('keeps later notes in the column, shifted so none hides exactly behind another', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 75; i++) {
      const p = placeInSection(section, i);
      expect(inside(p)).toBe(true);
      seen.add(`${p.x},${p.y}`);
    }
    expect(seen.size).toBe(75);
  });
});
