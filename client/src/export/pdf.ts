import { jsPDF } from 'jspdf';
import type { BoardView } from '../../../shared/board/doc';
import { NO_EXTRAS, type ExportExtras } from '../../../shared/export/extras';
import { buildNoteTable, formatJst, groupLabel, summarize, type TableSummary } from '../../../shared/export/table';
import type { CategoryView } from '../../../shared/grouping/arrangement';
import { groupsOf } from './picture';
import { PICTURE_FONT, releaseCanvas, renderPicture, type Picture } from './png';

/** A3 landscape, in millimetres. */
const PAGE = { w: 420, h: 297 };
const MARGIN = 12;
/** Canvas pixels per millimetre for the cover and page headings (200 dpi). */
const PX_PER_MM = 200 / 25.4;
/** Group pictures go in at twice board scale: sharp on A3 while the file stays small enough to mail. */
const GROUP_PIXEL_RATIO = 2;

export interface PdfOptions {
  extras?: ExportExtras;
  /** e.g. the snapshot's name, shown under the title. */
  subtitle?: string;
  /** The board arranged by category (once it was auto-grouped): one more page after the groups'. */
  byCategory?: CategoryView | null;
  now?: number;
}

function pageCanvas(wMm: number, hMm: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D; mm: number } {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(wMm * PX_PER_MM);
  canvas.height = Math.round(hMm * PX_PER_MM);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';
  return { canvas, ctx, mm: PX_PER_MM };
}

const font = (mm: number, sizeMm: number, bold = false) => `${bold ? 'bold ' : ''}${Math.round(sizeMm * mm)}px ${PICTURE_FONT}`;

function drawCountsTable(ctx: CanvasRenderingContext2D, mm: number, s: TableSummary, top: number): void {
  const cols = ['グループ', ...s.byCategory.map((c) => c.label), '合計'];
  const rows = [
    ...s.byGroup.map((g) => [g.label, ...s.byCategory.map((c) => String(s.matrix[g.group]?.[c.id] ?? 0)), String(g.count)]),
    ['合計', ...s.byCategory.map((c) => String(c.count)), String(s.total)],
  ];
  const colW = Math.min(60, (PAGE.w - 2 * MARGIN - 20) / cols.length) * mm;
  const rowH = 11 * mm;
  const left = (MARGIN + 10) * mm;
  [cols, ...rows].forEach((row, r) => {
    const y = top + r * rowH;
    if (r === 0 || r === rows.length) {
      ctx.fillStyle = '#e8eef7';
      ctx.fillRect(left, y, colW * cols.length, rowH);
    }
    ctx.strokeStyle = '#b8c0cc';
    ctx.lineWidth = Math.max(1, 0.3 * mm);
    row.forEach((cell, c) => {
      ctx.strokeRect(left + c * colW, y, colW, rowH);
      ctx.fillStyle = '#1f2430';
      ctx.font = font(mm, 5, r === 0 || c === 0);
      ctx.textAlign = c === 0 ? 'left' : 'right';
      const x = c === 0 ? left + 3 * mm : left + (c + 1) * colW - 3 * mm;
      ctx.fillText(cell, x, y + 3 * mm, colW - 6 * mm);
    });
  });
  ctx.textAlign = 'left';
}

/** The cover, drawn as a picture: jsPDF's built-in fonts have no Japanese. */
function coverPage(title: string, s: TableSummary, opts: PdfOptions): HTMLCanvasElement {
  const { canvas, ctx, mm } = pageCanvas(PAGE.w, PAGE.h);
  ctx.fillStyle = '#1f2430';
  ctx.font = font(mm, 14, true);
  ctx.fillText(title || 'ワークショップ', MARGIN * 2 * mm, 30 * mm, (PAGE.w - 4 * MARGIN) * mm);
  ctx.font = font(mm, 7);
  ctx.fillStyle = '#4a5262';
  const lines = [opts.subtitle, `出力日時 ${formatJst(opts.now ?? Date.now()).slice(0, 16)}（日本時間）`, `付箋 ${s.total} 枚`].filter(Boolean) as string[];
  lines.forEach((l, i) => ctx.fillText(l, MARGIN * 2 * mm, (56 + i * 12) * mm, (PAGE.w - 4 * MARGIN) * mm));
  drawCountsTable(ctx, mm, s, (60 + lines.length * 12) * mm);
  return canvas;
}

function headingStrip(text: string): HTMLCanvasElement {
  const { canvas, ctx, mm } = pageCanvas(PAGE.w - 2 * MARGIN, 12);
  ctx.fillStyle = '#1f2430';
  ctx.font = font(mm, 8, true);
  ctx.fillText(text, 0, 1.5 * mm);
  return canvas;
}

const jpeg = (c: HTMLCanvasElement) => c.toDataURL('image/jpeg', 0.92);

/** Places a picture as large as fits below the heading, centred, keeping its proportions. */
function addPicture(pdf: jsPDF, pic: Picture, top: number): void {
  const boxW = PAGE.w - 2 * MARGIN;
  const boxH = PAGE.h - top - MARGIN;
  const scale = Math.min(boxW / pic.width, boxH / pic.height);
  const w = pic.width * scale;
  const h = pic.height * scale;
  pdf.addImage(jpeg(pic.canvas), 'JPEG', MARGIN + (boxW - w) / 2, top, w, h, undefined, 'FAST');
}

/** The report PDF: A3 landscape, a cover with counts per group and category, then one page per group. */
export async function renderPdf(view: BoardView, opts: PdfOptions = {}): Promise<Blob> {
  const table = buildNoteTable(view, opts.extras ?? NO_EXTRAS);
  const summary = summarize(table);
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a3', compress: true });
  pdf.setProperties({ title: table.title || 'ワークショップ', creator: 'fusen-board' });
  pdf.addImage(jpeg(coverPage(table.title, summary, opts)), 'JPEG', 0, 0, PAGE.w, PAGE.h, undefined, 'FAST');
  const groups = groupsOf(view);
  const pages: { heading: string; scope: Parameters<typeof renderPicture>[1] }[] = groups.length
    ? groups.map((g) => ({ heading: `${groupLabel(g)}（付箋 ${summary.byGroup.find((x) => x.group === g)?.count ?? 0} 枚）`, scope: { kind: 'group', group: g } }))
    : [{ heading: 'ボード全体', scope: { kind: 'board' } }];
  const cv = opts.byCategory;
  if (cv) {
    const review = cv.tray.noteIds.length;
    pages.push({ heading: `三つの支援による分類（付箋 ${cv.view.notes.length} 枚${review ? `・要確認 ${review} 枚` : ''}）`, scope: { kind: 'categories' } });
  }
  for (const page of pages) {
    const pic = await renderPicture(view, page.scope, { pixelRatio: GROUP_PIXEL_RATIO, byCategory: cv ?? null }).catch(() => null);
    if (!pic) continue;
    pdf.addPage('a3', 'landscape');
    pdf.addImage(jpeg(headingStrip(page.heading)), 'JPEG', MARGIN, MARGIN, PAGE.w - 2 * MARGIN, 12, undefined, 'FAST');
    addPicture(pdf, pic, MARGIN + 14);
    releaseCanvas(pic.canvas);
  }
  return pdf.output('blob');
}
