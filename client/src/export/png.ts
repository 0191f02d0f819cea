import Konva from 'konva';
import type { BoardView } from '../../../shared/board/doc';
import type { Note, Section } from '../../../shared/board/schema';
import { SUMMARY_KIND } from '../../../shared/board/templates';
import { categoryLabel } from '../../../shared/export/table';
import { NOTE_FOOTER, NOTE_PADDING, noteFontSize } from '../canvas/style';
import type { RegionRect } from '../../../shared/grouping/layout';
import type { CategoryView, TrayRect } from '../../../shared/grouping/arrangement';
import { categoryStyle, regionTitle } from '../grouping/categories';
import { fitPixelRatio, planPicture, type PictureScope } from './picture';

/** Japanese fonts first, so kanji and kana are drawn by a font made for them wherever the picture is made. */
export const PICTURE_FONT = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';
/**
 * Print resolution: a group or a section at 3× board scale (an A3 sheet at 300 dpi and more); the whole
 * board at 2×, since it is many groups wide and printed on one sheet all the same — it stays above 300 dpi
 * on A3 while the browser has less than half the pixels to encode.
 */
export const PRINT_PIXEL_RATIO = { board: 2, group: 3, section: 3, categories: 2 } as const;

export interface Picture {
  canvas: HTMLCanvasElement;
  /** Pixels. */
  width: number;
  height: number;
  /** The ratio used: the one asked for, unless the board is too big for a canvas at that ratio. */
  pixelRatio: number;
  /** The board area drawn, in board units. */
  bounds: { x: number; y: number; w: number; h: number };
}

export class EmptyPictureError extends Error {}

/** Same paper, frame and title as the live board's SectionShape. */
function sectionNode(s: Section): Konva.Group {
  const summary = s.kind === SUMMARY_KIND;
  const g = new Konva.Group({ x: s.x, y: s.y });
  g.add(new Konva.Rect({ width: s.w, height: s.h, fill: summary ? '#eef3fb' : '#f4f5f7', stroke: summary ? '#b8c8e6' : '#d5d9e0', strokeWidth: 2, cornerRadius: 14 }));
  g.add(new Konva.Text({ x: 20, y: 18, width: s.w - 40, height: 56, text: s.title, fontFamily: PICTURE_FONT, fontSize: 20, fontStyle: 'bold', fill: '#3c4350', wrap: 'word', ellipsis: true }));
  return g;
}

function badge(label: string, right: number, y: number, auto: boolean): Konva.Group {
  const width = label.length * 10 + 12;
  const g = new Konva.Group({ x: right - width, y });
  g.add(new Konva.Rect({ width, height: 16, cornerRadius: 8, fill: 'rgba(255,255,255,0.75)', stroke: '#7a7a7a', strokeWidth: 1, dash: auto ? [3, 2] : undefined }));
  g.add(new Konva.Text({ width, height: 16, align: 'center', verticalAlign: 'middle', text: label, fontFamily: PICTURE_FONT, fontSize: 10, fill: '#333' }));
  return g;
}

/** Same paper, text and footer as the live board's NoteShape (without selection or drag marks). */
function noteNode(n: Note, anonymous: boolean): Konva.Group {
  const g = new Konva.Group({ x: n.x, y: n.y });
  // A crisp offset shadow instead of the live board's blurred one: measured, a blur on 500 notes doubles
  // the drawing time and triples the PNG encoding, and on paper the two look alike.
  g.add(new Konva.Rect({ x: 0.5, y: 2, width: n.w, height: n.h, fill: 'rgba(0,0,0,0.14)', cornerRadius: 3 }));
  g.add(new Konva.Rect({ width: n.w, height: n.h, fill: n.color, cornerRadius: 3 }));
  g.add(
    new Konva.Text({
      x: NOTE_PADDING,
      y: NOTE_PADDING,
      width: n.w - NOTE_PADDING * 2,
      height: n.h - NOTE_FOOTER - NOTE_PADDING,
      text: n.text,
      fontFamily: PICTURE_FONT,
      fontSize: noteFontSize(n.text),
      lineHeight: 1.35,
      fill: '#1f1f1f',
      wrap: 'word',
      ellipsis: true,
    }),
  );
  if (n.author && !anonymous) {
    g.add(new Konva.Text({ x: NOTE_PADDING, y: n.h - NOTE_FOOTER + 4, width: n.w / 2, text: n.author, fontFamily: PICTURE_FONT, fontSize: 10, fill: '#5f5f5f', wrap: 'none', ellipsis: true }));
  }
  if (n.category !== 'unsorted') g.add(badge(categoryLabel(n.category), n.w - 6, n.h - NOTE_FOOTER + 2, n.categorySource === 'auto'));
  return g;
}

/** Same panel, titles and cluster frames as the live board's GroupingRegions. */
function regionNode(r: RegionRect): Konva.Group {
  const style = categoryStyle(r.category);
  const title = regionTitle(r.category, r.labels);
  const g = new Konva.Group({ x: r.x, y: r.y, name: 'grouping-region' });
  g.add(new Konva.Rect({ width: r.w, height: r.h, fill: style.tint, stroke: style.strong, strokeWidth: 2, cornerRadius: 16 }));
  g.add(new Konva.Text({ name: 'region-title', x: 20, y: 8, width: r.w - 80, text: title.ja, fontFamily: PICTURE_FONT, fontSize: 20, fontStyle: 'bold', fill: style.strong, wrap: 'none', ellipsis: true }));
  g.add(new Konva.Text({ x: 20, y: 33, width: r.w - 80, text: title.en, fontFamily: PICTURE_FONT, fontSize: 13, fill: style.strong, wrap: 'none', ellipsis: true }));
  g.add(new Konva.Text({ x: r.w - 64, y: 10, width: 44, align: 'right', text: String(r.count), fontFamily: PICTURE_FONT, fontSize: 18, fontStyle: 'bold', fill: style.strong }));
  for (const c of r.clusters ?? []) {
    const cg = new Konva.Group({ x: c.x - r.x, y: c.y - r.y, name: 'grouping-cluster' });
    cg.add(new Konva.Rect({ width: c.w, height: c.h, stroke: style.strong, strokeWidth: 1, dash: [6, 4], cornerRadius: 10, fill: 'rgba(255,255,255,0.55)' }));
    cg.add(new Konva.Text({ name: 'cluster-label', x: 12, y: 7, width: c.w - 24, text: c.label, fontFamily: PICTURE_FONT, fontSize: 13, fontStyle: 'bold', fill: style.strong, wrap: 'none', ellipsis: true }));
    g.add(cg);
  }
  return g;
}

function trayNode(t: TrayRect, title: string): Konva.Group {
  const g = new Konva.Group({ x: t.x, y: t.y, name: 'grouping-tray' });
  g.add(new Konva.Rect({ width: t.w, height: t.h, fill: '#fff8e1', stroke: '#8a5a00', strokeWidth: 2, dash: [10, 6], cornerRadius: 16 }));
  g.add(new Konva.Text({ name: 'tray-title', x: 20, y: 8, width: t.w - 80, text: title, fontFamily: PICTURE_FONT, fontSize: 20, fontStyle: 'bold', fill: '#8a5a00', wrap: 'none', ellipsis: true }));
  g.add(new Konva.Text({ x: t.w - 64, y: 10, width: 44, align: 'right', text: String(t.noteIds.length), fontFamily: PICTURE_FONT, fontSize: 18, fontStyle: 'bold', fill: '#8a5a00' }));
  return g;
}

/** Waits for the Japanese fonts, so the first picture is not drawn in a fallback font. */
async function fontsReady(): Promise<void> {
  try {
    await Promise.all([document.fonts.load(`16px ${PICTURE_FONT}`, 'あ漢'), document.fonts.load(`bold 20px ${PICTURE_FONT}`, 'あ漢')]);
  } catch {
    // No FontFace API or no such font: the browser's fallback still draws the text.
  }
}

/**
 * Draws the board (or one group or section) on an offscreen canvas, independent of the live stage and
 * its viewport: a detached Konva tree exported at `pixelRatio` (print resolution by default).
 */
export interface PictureOptions {
  pixelRatio?: number;
  /** The board arranged by category, for the 'categories' scope. */
  byCategory?: CategoryView | null;
  /** The tray's title in the language of the export. */
  trayTitle?: string;
}

export async function renderPicture(view: BoardView, scope: PictureScope, opts: PictureOptions = {}): Promise<Picture> {
  const plan = planPicture(view, scope, opts.byCategory ?? null);
  if (!plan) throw new EmptyPictureError('there is nothing to draw here');
  await fontsReady();
  const { bounds } = plan;
  const pixelRatio = fitPixelRatio(bounds, opts.pixelRatio ?? PRINT_PIXEL_RATIO[scope.kind]);
  const root = new Konva.Group();
  try {
    root.add(new Konva.Rect({ x: bounds.x, y: bounds.y, width: bounds.w, height: bounds.h, fill: '#ffffff' }));
    for (const s of plan.sections) root.add(sectionNode(s));
    if (plan.categories) {
      if (plan.categories.tray.noteIds.length > 0) root.add(trayNode(plan.categories.tray, opts.trayTitle ?? '要確認'));
      for (const r of plan.categories.regions) root.add(regionNode(r));
    }
    for (const n of plan.notes) root.add(noteNode(n, view.meta.anonymous));
    const canvas = root.toCanvas({ x: bounds.x, y: bounds.y, width: bounds.w, height: bounds.h, pixelRatio });
    return { canvas, width: canvas.width, height: canvas.height, pixelRatio, bounds };
  } finally {
    root.destroy();
  }
}

/**
 * Encodes a canvas. OffscreenCanvas.convertToBlob is used where there is one: measured in Chromium, it
 * encodes a 35-megapixel board about twice as fast as canvas.toBlob on a page whose live board keeps
 * the main thread busy.
 */
export async function canvasBlob(canvas: HTMLCanvasElement, type = 'image/png', quality?: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const off = new OffscreenCanvas(canvas.width, canvas.height);
    const ctx = off.getContext('2d');
    if (ctx) {
      ctx.drawImage(canvas, 0, 0);
      return off.convertToBlob({ type, quality });
    }
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the picture could not be encoded'))), type, quality));
}

/** Gives a big canvas's memory back now rather than at the next garbage collection (phones run short). */
export const releaseCanvas = (canvas: HTMLCanvasElement): void => {
  canvas.width = 0;
  canvas.height = 0;
};

/** A PNG of the board, one group or one section, at print resolution. */
export async function renderPng(view: BoardView, scope: PictureScope, opts: PictureOptions = {}): Promise<Omit<Picture, 'canvas'> & { blob: Blob }> {
  const { canvas, ...picture } = await renderPicture(view, scope, opts);
  try {
    return { ...picture, blob: await canvasBlob(canvas) };
  } finally {
    releaseCanvas(canvas);
  }
}
