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
export function diff(prev: string, next: string): Splice {
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
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
