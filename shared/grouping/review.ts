import type * as Y from 'yjs';
import { metaOf, placeNotesByCategory, readBoard, setNoteCategory } from '../board/doc';
import { META_KEYS, readGroupingReasons } from './apply';
import { readGroupingRegions, TRAY } from './arrangement';

/** A note waiting in the 要確認 tray, with what the model proposed for it. */
export interface ReviewItem {
  id: string;
  text: string;
  /** The model's proposal (the note's automatic category). */
  suggested: string;
  confidence: number;
  reasons: string[];
}

/**
 * The notes to review: those without a category place (in the tray) whose category nobody set by hand yet,
 * most confident first, so the facilitator can accept the sure ones in a row and slow down for the rest.
 */
export function reviewQueue(doc: Y.Doc): ReviewItem[] {
  const reasons = readGroupingReasons(doc);
  return readBoard(doc)
    .notes.filter((n) => (typeof n.categoryX !== 'number' || typeof n.categoryY !== 'number') && n.categorySource !== 'manual')
    .map((n) => ({ id: n.id, text: n.text, suggested: n.category, confidence: reasons[n.id]?.confidence ?? 0, reasons: reasons[n.id]?.reasons ?? [] }))
    .sort((a, b) => b.confidence - a.confidence);
}

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The facilitator's answer for a note in the tray: the category, set by hand (auto-group keeps it and learns
 * from it), and a place in that category's region — the first free slot of its grid, else just below it.
 * One transaction, so one undo takes it back. Returns false when the board has no region for the category.
 */
export function confirmCategory(doc: Y.Doc, noteId: string, category: string, origin: unknown = null): boolean {
  const region = readGroupingRegions(doc).find((r) => r.category === category);
  const board = readBoard(doc);
  const note = board.notes.find((n) => n.id === noteId);
  if (!region || !note) return false;
  const w = TRAY.noteW;
  const h = TRAY.noteH;
  const gap = TRAY.gap;
  const taken: Box[] = board.notes
    .filter((n) => n.id !== noteId && typeof n.categoryX === 'number' && typeof n.categoryY === 'number')
    .map((n) => ({ x: n.categoryX!, y: n.categoryY!, w, h }));
  const cols = Math.max(1, Math.floor((region.w - gap) / (w + gap)));
  const top = region.y + 56;
  let at: { x: number; y: number } | null = null;
  for (let row = 0; !at; row++) {
    for (let col = 0; col < cols && !at; col++) {
      const cell = { x: region.x + gap + col * (w + gap), y: top + row * (h + gap), w, h };
      if (!taken.some((t) => overlaps(t, cell))) at = { x: cell.x, y: cell.y };
    }
  }
  const bottom = at!.y + h + TRAY.padding;
  doc.transact(() => {
    setNoteCategory(doc, noteId, category, 'manual', origin);
    placeNotesByCategory(doc, [{ id: noteId, at }], origin);
    // A full region grows to hold the note; the regions keep one height, so the row still reads as a table.
    if (bottom > region.y + region.h) {
      const regions = readGroupingRegions(doc).map((r) => ({ ...r, h: Math.max(r.h, bottom - r.y) }));
      metaOf(doc).set(META_KEYS.regions, regions);
    }
  }, origin);
  return true;
}
