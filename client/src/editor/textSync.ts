/**
 * Pure helpers that let the note editor keep a textarea and a Y.Text in step without losing
 * either side's edits: local edits are turned into a single splice against the text the
 * textarea last agreed with, and remote edits that arrive meanwhile are carried across it.
 */

/** A Y.Text change as Yjs reports it (`event.delta`). */
export type TextDelta = ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>;

export interface Splice {
  start: number;
  remove: number;
  insert: string;
}

/** The smallest single splice from `prev` to `next` (common prefix and suffix kept). */
export function diff(prev: string, next: string, caret?: number): Splice {
  const minimal = splitAt(prev, next, Infinity);
  if (caret === undefined) return minimal;
  // In a run of equal characters ("ああ" → "あああ") many splices are as small; the caret tells which one the
  // person made, so a concurrent edit lands on the right side of it. A hint that would make the splice
  // bigger (the caret elsewhere than the edit) is ignored: a bigger splice would swallow others' text.
  const hinted = splitAt(prev, next, caret - Math.max(0, next.length - prev.length));
  return hinted.remove === minimal.remove && hinted.insert.length === minimal.insert.length ? hinted : minimal;
}

function splitAt(prev: string, next: string, prefixMax: number): Splice {
  let start = 0;
  while (start < prefixMax && start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  return { start, remove: endPrev - start, insert: next.slice(start, endNext) };
}

export const applySplice = (s: string, sp: Splice): string => s.slice(0, sp.start) + sp.insert + s.slice(sp.start + sp.remove);

export function spliceToDelta(sp: Splice): TextDelta {
  const d: { retain?: number; insert?: string; delete?: number }[] = [];
  if (sp.start) d.push({ retain: sp.start });
  if (sp.remove) d.push({ delete: sp.remove });
  if (sp.insert) d.push({ insert: sp.insert });
  return d;
}

/**
 * Where index `i` of the old text ends up after `delta`. `stickAfter` decides an insert made
 * exactly at `i`: true puts `i` after the inserted text.
 */
export function transformIndex(i: number, delta: TextDelta, stickAfter: boolean): number {
  let pos = 0;
  let out = i;
  for (const op of delta) {
    if (op.retain !== undefined) {
      pos += op.retain;
      if (pos > i) break;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (pos < i || (pos === i && stickAfter)) out += len;
    } else if (op.delete !== undefined) {
      if (pos < i) out -= Math.min(op.delete, i - pos);
      pos += op.delete;
    }
  }
  return out;
}

/** Carries a local splice made against an older text across remote deltas applied since, in order. */
export function rebase(sp: Splice, remote: readonly TextDelta[]): Splice {
  let start = sp.start;
  let end = sp.start + sp.remove;
  for (const d of remote) {
    const s = transformIndex(start, d, true);
    end = Math.max(s, transformIndex(end, d, false));
    start = s;
  }
  return { start, remove: end - start, insert: sp.insert };
}

const through = (i: number, remote: readonly TextDelta[]): number => remote.reduce((at, d) => transformIndex(at, d, false), i);

/**
 * Where a caret at `i` in the box (the old text with the person's unsent `local` splice) ends up once
 * remote deltas are merged and the splice is carried to `moved`: before the splice it follows the old
 * text, inside what the person typed it keeps its place in that, after it it follows the old text again.
 */
export function carryCaret(i: number, local: Splice, moved: Splice, remote: readonly TextDelta[]): number {
  if (i <= local.start) return through(i, remote);
  const typedEnd = local.start + local.insert.length;
  if (i <= typedEnd) return moved.start + (i - local.start);
  return through(i - local.insert.length + local.remove, remote) - moved.remove + moved.insert.length;
}
