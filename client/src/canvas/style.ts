/** Japanese-first font stack, shared by the canvas and the DOM editor so text does not jump when editing starts. */
export const FONT_FAMILY = '"Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", sans-serif';

export const NOTE_PADDING = 10;
/** Space kept at the bottom of a note for the author and the category badge. */
export const NOTE_FOOTER = 22;

/** Long notes get smaller text so more of them fits on a fixed-size sticky note, as people do with a pen. */
export function noteFontSize(text: string): number {
  const n = [...text].length;
  if (n <= 24) return 16;
  if (n <= 60) return 14;
  if (n <= 120) return 12;
  return 10;
}

/** Text on a note. Both reach WCAG AA (4.5:1) on every note colour, the darkest being purple (see contrast.test.ts). */
export const NOTE_INK = '#1f1f1f';
export const NOTE_INK_SOFT = '#363636';

/** Below this zoom note text is a few pixels high: lines are drawn as bars, which is far cheaper than glyphs. */
export const LOW_DETAIL_SCALE = 0.28;
/** Soft shadows are the costliest thing software rendering draws; past this many notes on screen they go. */
export const SHADOWS_MAX_NOTES = 120;
export const SHADOWS_MIN_SCALE = 0.5;
