import * as Y from 'yjs';
import {
  LIMITS,
  MetaSchema,
  mayTypeTo,
  NOTE_COLORS,
  NOTE_SIZE,
  NewNoteSchema,
  NoteSchema,
  SectionSchema,
  type CategorySource,
  type Meta,
  type NewNote,
  type Note,
  type Section,
} from './schema';
import { newNoteId } from './ids';

/**
 * The board document contract (see docs/architecture.md): one Y.Doc per board with three root maps.
 * Everything that reads or writes the doc goes through these functions so the contract lives in one place.
 */
export const notesOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap('notes');
export const sectionsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap('sections');
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta');

export type NoteRead = { ok: true; note: Note } | { ok: false; id: string; error: string; text: string };

function plain(ymap: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ymap.forEach((v, k) => {
    out[k] = v instanceof Y.Text ? v.toString() : v;
  });
  return out;
}

/** Reads one note; a note that breaks the contract comes back as broken, never as an exception. */
export function readNote(id: string, value: unknown): NoteRead {
  if (!(value instanceof Y.Map)) return { ok: false, id, error: 'not a map', text: '' };
  const raw: Record<string, unknown> = { ...plain(value as Y.Map<unknown>), id };
  const parsed = NoteSchema.safeParse(raw);
  if (parsed.success) return { ok: true, note: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    id,
    error: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid note',
    text: typeof raw.text === 'string' ? raw.text : '',
  };
}

export function readSection(id: string, value: unknown): Section | null {
  if (!(value instanceof Y.Map)) return null;
  const parsed = SectionSchema.safeParse({ ...plain(value as Y.Map<unknown>), id });
  return parsed.success ? parsed.data : null;
}

export function readMeta(doc: Y.Doc): Meta {
  const parsed = MetaSchema.safeParse(plain(metaOf(doc)));
  return parsed.success ? parsed.data : MetaSchema.parse({});
}

export interface BoardView {
  meta: Meta;
  notes: Note[];
  broken: Extract<NoteRead, { ok: false }>[];
  sections: Section[];
}

/** A plain, validated view of the whole board, notes in creation order. */
export function readBoard(doc: Y.Doc): BoardView {
  const notes: Note[] = [];
  const broken: Extract<NoteRead, { ok: false }>[] = [];
  notesOf(doc).forEach((value, id) => {
    const r = readNote(id, value);
    if (r.ok) notes.push(r.note);
    else broken.push(r);
  });
  notes.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const sections: Section[] = [];
  sectionsOf(doc).forEach((value, id) => {
    const s = readSection(id, value);
    if (s) sections.push(s);
  });
  sections.sort((a, b) => a.group.localeCompare(b.group) || a.y - b.y || a.x - b.x);
  return { meta: readMeta(doc), notes, broken, sections };
}

/** The section whose rectangle holds a point, if any (later sections win, like drawing order). */
export function sectionAt(sections: readonly Section[], x: number, y: number): Section | null {
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i]!;
    if (x >= s.x && x <= s.x + s.w && y >= s.y && y <= s.y + s.h) return s;
  }
  return null;
}

export class NoteInputError extends Error {}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * The text with every lone surrogate replaced by U+FFFD. Yjs sends text as UTF-8, which cannot hold a
 * lone surrogate: every other copy reads U+FFFD in its place, so the writer's copy must hold that too.
 */
export const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The most notes the board takes: what its server wrote in the meta, else the default. */
export function notesLimitOf(doc: Y.Doc): number {
  const v = metaOf(doc).get('notesPerBoard');
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : LIMITS.notesPerBoard;
}

/** Creates a note in one transaction and returns its id. Throws NoteInputError for bad input. */
export function addNote(doc: Y.Doc, input: NewNote, origin: unknown = null, now = Date.now()): string {
  const parsed = NewNoteSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NoteInputError(issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid note');
  }
  const n = parsed.data;
  const max = notesLimitOf(doc);
  if (max > 0 && notesOf(doc).size >= max) throw new NoteInputError(`a board holds at most ${max} notes`);
  const id = newNoteId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('text', new Y.Text(wellFormed(n.text)));
    m.set('x', n.x);
    m.set('y', n.y);
    m.set('w', n.w ?? NOTE_SIZE.w);
    m.set('h', n.h ?? NOTE_SIZE.h);
    m.set('color', n.color ?? NOTE_COLORS[0]);
    m.set('sectionId', n.sectionId ?? null);
    // An anonymous board carries no names at all, whichever view wrote the note (the server refuses them).
    m.set('author', metaOf(doc).get('anonymous') === true ? '' : (n.author ?? ''));
    m.set('authorId', n.authorId);
    m.set('createdAt', now);
    m.set('category', n.category ?? 'unsorted');
    notesOf(doc).set(id, m);
  }, origin);
  return id;
}

function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const m = notesOf(doc).get(id);
  return m instanceof Y.Map ? m : null;
}

/** The note's Y.Text, for in-place editing that merges character by character. */
export function noteText(doc: Y.Doc, id: string): Y.Text | null {
  const t = noteMap(doc, id)?.get('text');
  return t instanceof Y.Text ? t : null;
}

/**
 * Replaces a note's text with the smallest edit (common prefix and suffix kept),
 * so a concurrent edit elsewhere in the same note survives the merge.
 */
export function setNoteText(doc: Y.Doc, id: string, text: string, origin: unknown = null): void {
  const t = noteText(doc, id);
  if (!t) return;
  if (!mayTypeTo(t.length, text.length)) throw new NoteInputError(`text: at most ${LIMITS.noteTextMax} characters`);
  const next = wellFormed(text);
  const prev = t.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  // Never cut a surrogate pair: its half alone would reach everyone else as U+FFFD.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  doc.transact(() => {
    if (endPrev > start) t.delete(start, endPrev - start);
    if (endNext > start) t.insert(start, next.slice(start, endNext));
  }, origin);
}

/** One edit of a note's text: at `index`, remove `deleteCount` characters and put `insert` there. */
export interface TextSplice {
  index: number;
  deleteCount: number;
  insert: string;
}

/**
 * Applies one splice to the live text, so whatever others typed elsewhere in the note stays.
 * Throws NoteInputError when the result would not fit or the splice lies outside the text.
 */
export function spliceNoteText(doc: Y.Doc, id: string, sp: TextSplice, origin: unknown = null): void {
  const t = noteText(doc, id);
  if (!t) return;
  if (sp.index < 0 || sp.deleteCount < 0 || sp.index + sp.deleteCount > t.length) throw new NoteInputError('text: the edit lies outside the note');
  if (!mayTypeTo(t.length, t.length - sp.deleteCount + sp.insert.length)) throw new NoteInputError(`text: at most ${LIMITS.noteTextMax} characters`);
  if (!sp.deleteCount && !sp.insert) return;
  doc.transact(() => {
    if (sp.deleteCount) t.delete(sp.index, sp.deleteCount);
    if (sp.insert) t.insert(sp.index, sp.insert);
  }, origin);
}

export interface NoteMove {
  id: string;
  x: number;
  y: number;
  sectionId?: string | null;
}

/** One write per drop: all moved notes in a single transaction. */
export function moveNotes(doc: Y.Doc, moves: readonly NoteMove[], origin: unknown = null): void {
  doc.transact(() => {
    for (const mv of moves) {
      const m = noteMap(doc, mv.id);
      if (!m || !Number.isFinite(mv.x) || !Number.isFinite(mv.y)) continue;
      if (m.get('x') !== mv.x) m.set('x', mv.x);
      if (m.get('y') !== mv.y) m.set('y', mv.y);
      if (mv.sectionId !== undefined && m.get('sectionId') !== mv.sectionId) m.set('sectionId', mv.sectionId);
    }
  }, origin);
}

export interface CategoryPlace {
  id: string;
  /** Top-left in the category arrangement; null puts the note back in the 要確認 tray. */
  at: { x: number; y: number } | null;
}

/** Positions in the category arrangement only: the worksheet position and the column stay as they are. */
export function placeNotesByCategory(doc: Y.Doc, places: readonly CategoryPlace[], origin: unknown = null): void {
  doc.transact(() => {
    for (const p of places) {
      const m = noteMap(doc, p.id);
      if (!m) continue;
      if (p.at === null) {
        if (m.has('categoryX')) m.delete('categoryX');
        if (m.has('categoryY')) m.delete('categoryY');
        continue;
      }
      if (!Number.isFinite(p.at.x) || !Number.isFinite(p.at.y)) continue;
      if (m.get('categoryX') !== p.at.x) m.set('categoryX', p.at.x);
      if (m.get('categoryY') !== p.at.y) m.set('categoryY', p.at.y);
    }
  }, origin);
}

export function setNoteColor(doc: Y.Doc, ids: readonly string[], color: string, origin: unknown = null): void {
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) throw new NoteInputError('color: must be #rrggbb');
  doc.transact(() => {
    for (const id of ids) noteMap(doc, id)?.set('color', color);
  }, origin);
}

export function deleteNotes(doc: Y.Doc, ids: readonly string[], origin: unknown = null): void {
  doc.transact(() => {
    for (const id of ids) notesOf(doc).delete(id);
  }, origin);
}

export function setNoteCategory(
  doc: Y.Doc,
  id: string,
  category: string,
  source: CategorySource,
  origin: unknown = null,
): void {
  const m = noteMap(doc, id);
  if (!m) return;
  doc.transact(() => {
    m.set('category', category);
    m.set('categorySource', source);
  }, origin);
}

/** Blanks every note's author name: an anonymous board's state then holds none (Yjs drops replaced values). */
export function clearAuthorNames(doc: Y.Doc, origin: unknown = null): void {
  const named: Y.Map<unknown>[] = [];
  notesOf(doc).forEach((m) => m instanceof Y.Map && typeof m.get('author') === 'string' && m.get('author') !== '' && named.push(m));
  if (named.length > 0) doc.transact(() => named.forEach((m) => m.set('author', '')), origin);
}

export function setMeta(doc: Y.Doc, patch: Partial<Meta>, origin: unknown = null): void {
  doc.transact(() => {
    const meta = metaOf(doc);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && meta.get(k) !== v) meta.set(k, v);
  }, origin);
}

export function writeSection(doc: Y.Doc, s: Section, origin: unknown = null): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(s)) if (k !== 'id') m.set(k, v);
    sectionsOf(doc).set(s.id, m);
  }, origin);
}
