import type { ComponentType } from 'react';
import Konva from 'konva';
import type { TextConfig } from 'konva/lib/shapes/Text';
import type { SceneContext } from 'konva/lib/Context';
import { FONT_FAMILY } from './style';
import { BitmapCache, PENDING, TextPainter, type PainterClock } from './textBitmaps';
import { memoLayout, type Measure, type TextLayout } from './textLayout';

let measureContext: CanvasRenderingContext2D | null = null;
const measure: Measure = (text, fontSize) => {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return [...text].length * fontSize;
  measureContext.font = `${fontSize}px ${FONT_FAMILY}`;
  return measureContext.measureText(text).width;
};
/** One layout cache for the page: each text is wrapped and measured once per box, however often it is drawn. */
const layout = memoLayout(measure);

type Bitmap = HTMLCanvasElement | OffscreenCanvas;
/** 48 MB of text bitmaps: at 100 % zoom about a thousand notes, far more than fit on any screen. */
const bitmaps = new BitmapCache<Bitmap>(48 * 1024 * 1024);
const pageClock: PainterClock = {
  now: () => performance.now(),
  idle: (work) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback((d) => work(Math.max(4, Math.min(12, d.timeRemaining()))), { timeout: 150 });
    else setTimeout(() => work(8), 16);
  },
};
const painter = new TextPainter(bitmaps, pageClock);

/** Called once the note texts that were shown as bars for a moment are drawn: time to redraw them. */
export const onNoteTextsReady = (listener: () => void) => painter.onReady(listener);

function newCanvas(w: number, h: number): Bitmap {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

interface Ink {
  fontSize: number;
  step: number;
  fill: string;
  italic: boolean;
}

function drawLines(c: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, lines: readonly string[], ink: Ink): void {
  c.fillStyle = ink.fill;
  c.font = `${ink.italic ? 'italic ' : ''}${ink.fontSize}px ${FONT_FAMILY}`;
  c.textBaseline = 'middle';
  c.textAlign = 'left';
  lines.forEach((line, i) => c.fillText(line, 0, i * ink.step + ink.step / 2));
}

/** The text drawn once at `ratio` pixels per board unit; later frames copy it with one drawImage. */
function textBitmap(text: TextLayout, box: { width: number; height: number }, ink: Ink, ratio: number): Bitmap | null | typeof PENDING {
  const w = Math.ceil(box.width * ratio);
  const h = Math.ceil(Math.min(box.height, text.lines.length * ink.step + ink.step) * ratio);
  if (w < 1 || h < 1) return null;
  const key = `${ratio}|${w}|${h}|${ink.fontSize}|${ink.step}|${ink.fill}|${ink.italic}|${text.lines.join('\n')}`;
  return painter.bitmap(key, () => {
    const canvas = newCanvas(w, h);
    const c = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (c) {
      c.scale(ratio, ratio);
      drawLines(c, text.lines, ink);
    }
    return canvas;
  });
}

/**
 * Konva's Text re-wraps its text when the node is created and measures a sample glyph on every draw,
 * which is what panning a big board does hundreds of times a frame. This Text takes its lines from the
 * shared layout cache and draws them with one fillText each (or, with `greek`, as bars when zoomed far out).
 * It stays a Konva Text (same attributes, `text()`, found as 'Text'), so tests and exports read it as before.
 * Notes are always drawn in FONT_FAMILY, the font the layout is measured in.
 */
class CachedText extends Konva.Text {
  override _setTextData(): void {
    const fontSize = this.fontSize();
    const { lines, widths } = layout(this.text(), { width: this.width(), height: this.height(), fontSize, lineHeight: this.lineHeight() });
    this.textArr = lines.map((text, i) => ({ text, width: widths[i]!, lastInParagraph: i === lines.length - 1 }));
    this.textWidth = widths.reduce((a, b) => Math.max(a, b), 0);
    this.textHeight = fontSize;
  }

  override _sceneFunc(context: SceneContext): void {
    const c = context._context;
    const fontSize = this.fontSize();
    const step = fontSize * this.lineHeight();
    const fill = this.fill() as string;
    if (this.getAttr('greek')) return this.drawBars(c, fontSize, step, fill);
    const ink = { fontSize, step, fill, italic: this.fontStyle() === 'italic' };
    const ratio = this.getAttr('bitmapRatio') as number | undefined;
    const lines = this.textArr.map((l) => l.text);
    const drawn = ratio ? this.bitmapFor(lines, ink, ratio) : null;
    if (drawn === PENDING) this.drawBars(c, fontSize, step, fill);
    else if (drawn) c.drawImage(drawn.bitmap, 0, 0, drawn.bitmap.width / drawn.ratio, drawn.bitmap.height / drawn.ratio);
    else drawLines(c, lines, ink);
  }

  private drawBars(c: CanvasRenderingContext2D, fontSize: number, step: number, fill: string): void {
    c.fillStyle = fill;
    c.globalAlpha = 0.4;
    this.textArr.forEach((line, i) => c.fillRect(0, i * step + step * 0.25, line.width, fontSize * 0.6));
    c.globalAlpha = 1;
  }

  /** The node keeps its bitmap until its text, ink or zoom changes: no cache lookup in the frames between. */
  private last: { arr: unknown; ratio: number; fill: string; italic: boolean; bitmap: Bitmap | null } | null = null;
  private bitmapFor(lines: string[], ink: Ink, ratio: number): { bitmap: Bitmap; ratio: number } | null | typeof PENDING {
    const l = this.last;
    const sameText = !!l && l.arr === this.textArr && l.fill === ink.fill && l.italic === ink.italic;
    if (sameText && l.ratio === ratio) return l.bitmap && { bitmap: l.bitmap, ratio };
    const bitmap = textBitmap({ lines, widths: [], clipped: false }, { width: this.width(), height: this.height() }, ink, ratio);
    if (bitmap === PENDING) {
      // Until it is drawn at this zoom: the same text drawn at the previous zoom, scaled; else bars.
      return sameText && l.bitmap ? { bitmap: l.bitmap, ratio: l.ratio } : PENDING;
    }
    this.last = { arr: this.textArr, ratio, fill: ink.fill, italic: ink.italic, bitmap };
    return bitmap && { bitmap, ratio };
  }
}
(Konva as unknown as Record<string, unknown>).CachedText = CachedText;

/** react-konva looks node classes up on the Konva namespace by name. */
export const NoteText = 'CachedText' as unknown as ComponentType<TextConfig & { greek?: boolean; bitmapRatio?: number }>;
