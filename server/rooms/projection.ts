import * as Y from 'yjs';
import { parseReactionKey } from '../../shared/board/reactions';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;

/** What changed on the board since the projection was last brought up to it. */
export interface Dirty {
  /** Root names changed as a whole (any root but the notes). */
  roots: Set<string>;
  /** Notes (keys of the notes root) that changed in any way. */
  notes: Set<string>;
}

export const noneDirty = (): Dirty => ({ roots: new Set(), notes: new Set() });

/** Roots the projection never holds: the moderation marks are the facilitator's business. */
const NOT_PROJECTED = new Set(['moderation']);

/**
 * A Y.Doc of its own holding the board minus some notes (and every entry keyed by them: votes,
 * grouping reasons), for sockets that must never receive those notes. It has its own history, so the
 * bytes it sends carry nothing of a left-out note; it is brought up to the board change by change (only
 * what changed is compared), and a text is changed by the spliced part, so its updates stay small.
 */
export class Projection {
  readonly doc = new Y.Doc();
  private left = new Set<string>();

  /** Brings the projection up to `board`, leaving out `excluded` notes; `dirty` null compares everything. */
  update(board: Y.Doc, excluded: ReadonlySet<string>, dirty: Dirty | null): void {
    const changedExclusion = [...new Set([...excluded, ...this.left])].filter((id) => excluded.has(id) !== this.left.has(id));
    const rootsToCompare = dirty === null || changedExclusion.length > 0 ? allRoots(board) : dirty.roots;
    const notesToCompare = dirty === null ? null : new Set([...dirty.notes, ...changedExclusion]);
    this.left = new Set(excluded);
    this.doc.transact(() => {
      for (const name of rootsToCompare) {
        if (name === 'notes' || NOT_PROJECTED.has(name)) continue;
        const src = rootMap(board, name);
        if (src) mirrorMap(src, this.doc.getMap(name), excluded);
      }
      const notes = rootMap(board, 'notes');
      if (!notes) return;
      const dst = this.doc.getMap('notes');
      if (notesToCompare === null) mirrorMap(notes, dst, excluded);
      else for (const id of notesToCompare) mirrorKey(notes, dst, id, excluded);
    });
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/** Every map root of the board (a root loaded from the store is untyped until someone asks for it). */
function allRoots(board: Y.Doc): Set<string> {
  const names = new Set<string>();
  board.share.forEach((_t, name) => names.add(name));
  return names;
}

function rootMap(board: Y.Doc, name: string): Y.Map<unknown> | null {
  const t = board.share.get(name);
  if (!t) return null;
  if (t instanceof Y.Map) return t;
  // An untyped root with entries is a map; one with list content is no part of the board contract.
  return t._start === null && t._map.size > 0 ? board.getMap(name) : null;
}

/** An entry keyed by a left-out note: its id itself, or a stamp on it (`noteId:stamp:userId`, shared/board/reactions.ts). */
const leftOut = (key: string, excluded: ReadonlySet<string>): boolean => excluded.has(key) || (excluded.size > 0 && excluded.has(parseReactionKey(key)?.noteId ?? ''));

function mirrorMap(src: Y.Map<unknown>, dst: Y.Map<unknown>, excluded: ReadonlySet<string>): void {
  for (const key of [...dst.keys()]) if (!src.has(key) || leftOut(key, excluded)) dst.delete(key);
  for (const key of src.keys()) mirrorKey(src, dst, key, excluded);
}

function mirrorKey(src: Y.Map<unknown>, dst: Y.Map<unknown>, key: string, excluded: ReadonlySet<string>): void {
  if (leftOut(key, excluded) || !src.has(key)) {
    if (dst.has(key)) dst.delete(key);
    return;
  }
  const value = src.get(key);
  const current = dst.get(key);
  if (value instanceof Y.Text) {
    if (current instanceof Y.Text) spliceTo(current, value.toString());
    else dst.set(key, new Y.Text(value.toString()));
  } else if (value instanceof Y.Map) {
    if (current instanceof Y.Map) mirrorMap(value, current, excluded);
    else {
      const fresh = new Y.Map<unknown>();
      dst.set(key, fresh);
      mirrorMap(value, fresh, excluded);
    }
  } else if (value instanceof Y.AbstractType) {
    // Lists are no part of the board contract: copied as plain values, whole.
    const plain = without((value as SharedType).toJSON(), excluded);
    if (!samePlain(current, plain)) dst.set(key, plain);
  } else {
    const plain = without(value, excluded);
    if (!samePlain(current, plain)) dst.set(key, plain);
  }
}

/** The text changed by the one spliced part between the common start and end: what typing does. */
function spliceTo(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  // Never cut a surrogate pair: its half alone would reach the viewer as U+FFFD.
  if (start > 0 && isHigh(prev.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < prev.length - start && end < next.length - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
  if (end > 0 && isLow(prev.charCodeAt(prev.length - end))) end--;
  if (prev.length - start - end > 0) text.delete(start, prev.length - start - end);
  if (next.length - start - end > 0) text.insert(start, next.slice(start, next.length - end));
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** A plain value without the entries keyed by a left-out note (e.g. meta.groupingReasons[noteId]). */
function without(value: unknown, excluded: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => without(v, excluded));
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!excluded.has(k)) out[k] = without(v, excluded);
  return out;
}

function samePlain(current: unknown, next: unknown): boolean {
  if (current instanceof Y.AbstractType) return false;
  return current === next || JSON.stringify(current) === JSON.stringify(next);
}

/**
 * Adds to `dirty` what a board transaction changed: the note under the notes root, or the whole root
 * for anything else. `locate` names the root of a shared type and the keys down to it.
 */
export function collectDirty(tr: Y.Transaction, dirty: Dirty, locate: (type: SharedType) => { root: string; path: (string | null)[] } | null): void {
  for (const [type, keys] of tr.changed) {
    const at = locate(type);
    if (!at) continue;
    if (at.root !== 'notes') {
      dirty.roots.add(at.root);
      continue;
    }
    if (at.path.length === 0) {
      for (const k of keys) if (k !== null) dirty.notes.add(k);
    } else if (typeof at.path[0] === 'string') dirty.notes.add(at.path[0]);
  }
}
