import type * as Y from 'yjs';
import { isReactionMark, parseReactionKey } from '../../../shared/board/reactions';
import { isReadyMark } from '../../../shared/board/readiness';

/**
 * Roots of the board where every entry belongs to one person, named in its key: readiness
 * (userId → when they said "Done") and reactions (`noteId:stamp:userId` → when). A participant adds,
 * replaces and removes only entries of their own, each one plain value of the root's kind, directly in
 * the root (flat, so concurrent first writes of two people never collide). The facilitator may clear any.
 */
export interface OwnEntryRoot {
  ownerOf(key: string): string | null;
  valueOk(value: unknown): boolean;
  keyMax: number;
}

export const OWN_ENTRY_ROOTS: ReadonlyMap<string, OwnEntryRoot> = new Map<string, OwnEntryRoot>([
  ['readiness', { ownerOf: (key) => key, valueOk: isReadyMark, keyMax: 64 }],
  // A note id (64), a stamp and a user id (64), with the separators.
  ['reactions', { ownerOf: (key) => parseReactionKey(key)?.userId ?? null, valueOk: isReactionMark, keyMax: 140 }],
]);

/** Where a participant may put an item in such a root: null when allowed. */
export function ownEntryPlacement(root: string, path: readonly (string | null)[], key: string | null, userId: string): string | null {
  const own = OWN_ENTRY_ROOTS.get(root)!;
  if (path.length > 0 || key === null) return `the ${root} map holds plain entries only`;
  if (key.length > own.keyMax || !userId || own.ownerOf(key) !== userId) return `a participant may only write their own ${root} entries`;
  return null;
}

/** The keys a participant's change touched in such a root: their own, each (if still there) a valid value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function checkOwnEntries(root: string, map: Y.AbstractType<any>, keys: Set<string | null>, path: readonly (string | null)[], userId: string): string | null {
  const own = OWN_ENTRY_ROOTS.get(root)!;
  if (path.length > 0) return `the ${root} map holds plain entries only`;
  for (const key of keys) {
    if (key === null || !userId || own.ownerOf(key) !== userId) return `a participant may only write their own ${root} entries`;
    // The entries map itself: a root loaded from the store may still be untyped (see rootNames).
    const item = map._map.get(key);
    if (item && !item.deleted && !own.valueOk(item.content.getContent().at(-1))) return `invalid ${root} entry`;
  }
  return null;
}
