import * as Y from 'yjs';
import { OWN_ENTRY_ROOTS, ownEntryPlacement } from './ownEntries';

/**
 * What a participant's change may put into the board, item by item: the guard's model of the board
 * document (see docs/architecture.md, "Board document contract"), as a whitelist of where each kind of content may
 * go. Everything else — list content inside a map, rich text, embeds, sub-documents, binary values,
 * keys no note has, a value that packs several entries into one item — is refused, wherever it lands,
 * and whether or not it is deleted in the same change (a deleted item's key is kept for good).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;
/** Where a shared type sits: its root's name and the keys leading down to it. */
export type Located = { root: string; path: (string | null)[] };

/** The fields of a note, each with the one kind of content it holds. */
export const NOTE_FIELDS: ReadonlyMap<string, 'text' | 'value'> = new Map([
  ['text', 'text'],
  ...['x', 'y', 'categoryX', 'categoryY', 'w', 'h', 'color', 'sectionId', 'author', 'authorId', 'createdAt', 'category', 'categorySource'].map((k) => [k, 'value'] as const),
]);
/** Note ids and voters' ids are at most this long (NoteSchema's id). */
const KEY_MAX = 64;

/**
 * Root types by their entries map. A room loaded from the store holds untyped roots until someone calls
 * getMap, which then swaps in a new Y.Map sharing the same entries — possibly in the middle of a check,
 * so a transaction may name either object. Their shared `_map` identifies both.
 */
export function rootNames(doc: Y.Doc): Map<unknown, string> {
  const roots = new Map<unknown, string>();
  doc.share.forEach((type, name) => roots.set(type._map, name));
  return roots;
}

export function locate(type: SharedType, roots: Map<unknown, string>): Located | null {
  const path: (string | null)[] = [];
  let t: SharedType = type;
  while (t._item) {
    path.unshift(t._item.parentSub);
    const parent = t._item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    t = parent;
  }
  const root = roots.get(t._map);
  return root === undefined ? null : { root, path };
}

/** Returns why the items this transaction added break the participant's whitelist, or null. */
export function checkShape(tr: Y.Transaction, userId: string, roots: Map<unknown, string>): string | null {
  for (const item of addedItems(tr)) {
    const parent = item.parent;
    const at = parent instanceof Y.AbstractType ? locate(parent, roots) : null;
    if (!at) return 'change to an unknown part of the board';
    const reason = placement(at, item.parentSub, userId) ?? content(item, at, item.parentSub);
    if (reason) return reason;
  }
  return null;
}

/** Every item the transaction integrated (GC placeholders carry nothing and sit nowhere). */
function* addedItems(tr: Y.Transaction): Generator<Y.Item> {
  for (const [client, structs] of tr.doc.store.clients) {
    const start = tr.beforeState.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (!last || last.id.clock + last.length <= start) continue;
    for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
      const s = structs[i]!;
      if (s instanceof Y.Item) yield s;
    }
  }
}

/** Which (root, path, key) a participant may put anything at: a note, its fields, its text, their own ballot, their own "Done" and stamps. */
function placement(at: Located, key: string | null, userId: string): string | null {
  const where = `${at.root}${at.path.map((p) => `/${p ?? '[]'}`).join('')}`;
  if (OWN_ENTRY_ROOTS.has(at.root)) return ownEntryPlacement(at.root, at.path, key, userId);
  if (key !== null && key.length > KEY_MAX) return `a key of at most ${KEY_MAX} characters`;
  if (at.root === 'notes') {
    if (at.path.length === 0) return key !== null ? null : 'the notes map holds notes under their ids only';
    if (at.path.length === 1) return key !== null && NOTE_FIELDS.has(key) ? null : `only the facilitator can change a note's ${key ?? 'list content'}`;
    if (at.path.length === 2 && at.path[1] === 'text' && key === null) return null;
    return `nothing may be written at ${where}`;
  }
  if (at.root === 'votes') {
    if (at.path.length === 0) return key === userId ? null : 'a participant may only vote as themselves';
    if (at.path.length === 1 && at.path[0] === userId && key !== null) return null;
    return `nothing may be written at ${where}`;
  }
  return at.root === 'meta' || at.root === 'sections' ? `only the facilitator can change the board's ${at.root}` : `only the facilitator can change "${at.root}"`;
}

/** The kind of content each allowed place holds; deleted content (a length, nothing else) fits anywhere. */
function content(item: Y.Item, at: Located, key: string | null): string | null {
  const c = item.content;
  if (c instanceof Y.ContentDeleted) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const isType = (t: abstract new (...args: any[]) => unknown) => c instanceof Y.ContentType && c.type instanceof t;
  const oneValue = c instanceof Y.ContentAny && c.arr.length === 1;
  if (OWN_ENTRY_ROOTS.has(at.root)) return oneValue ? null : `a ${at.root} entry must be one plain value`;
  if (at.root === 'notes' && at.path.length === 0) return isType(Y.Map) ? null : 'a note must be a map';
  if (at.root === 'notes' && at.path.length === 1) {
    if (NOTE_FIELDS.get(key!) === 'text') return isType(Y.Text) ? null : "a note's text must be a Y.Text";
    return oneValue ? null : `a note's ${key} must be one plain value`;
  }
  if (at.root === 'notes') return c instanceof Y.ContentString ? null : "a note's text holds plain characters only";
  if (at.path.length === 0) return isType(Y.Map) ? null : 'a ballot must be a map';
  return oneValue ? null : 'a vote count must be one plain value';
}
