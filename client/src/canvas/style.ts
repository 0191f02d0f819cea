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

/** The smallest note text a projected or laptop board draws on screen: below it a hall cannot read it. */
export const READABLE_TEXT_PX = 14;

/**
 * The zoom the text is sized for: the view's zoom rounded down to an eighth of an octave, so text is re-wrapped
 * at a few zoom levels rather than every step, and never drawn smaller than READABLE_TEXT_PX on screen.
 */
export const textScaleFor = (scale: number): number => 2 ** (Math.floor(Math.log2(Math.max(scale, 1 / 16)) * 8) / 8);

/** Grown text is set tighter, so a second line still fits on the note. */
export const GROWN_LINE_HEIGHT = 1.2;

/**
 * A note's font in board units: its own size close up; zoomed out, large enough to stay readable on screen
 * (the end of a long note is then cut with an ellipsis until one zooms in), but never taller than its box.
 */
export function readableFontSize(base: number, textScale: number, boxHeight: number, lineHeight: number): number {
  const wanted = READABLE_TEXT_PX / textScale;
  if (base >= wanted) return base;
  return Math.max(base, Math.min(wanted, boxHeight / lineHeight));
}

/** The line height that goes with readableFontSize: the note's own, or tighter once the text has grown. */
export function readableLineHeight(base: number, size: number, lineHeight: number): number {
  return size > base ? Math.min(lineHeight, GROWN_LINE_HEIGHT) : lineHeight;
}

/** Text on a note. Both reach WCAG AA (4.5:1) on every note colour, the darkest being purple (see contrast.test.ts). */
export const NOTE_INK = '#1f1f1f';
export const NOTE_INK_SOFT = '#363636';

/** Below this zoom note text is a few pixels high: lines are drawn as bars, which is far cheaper than glyphs. */
export const LOW_DETAIL_SCALE = 0.28;
/** Soft shadows are the costliest thing software rendering draws; past this many notes on screen they go. */
export const SHADOWS_MAX_NOTES = 120;
export const SHADOWS_MIN_SCALE = 0.5;
