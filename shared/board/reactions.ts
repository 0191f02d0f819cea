import * as Y from 'yjs';
import { notesOf } from './doc';

/**
 * Reactions (stamps, issue 24): 👍 同感, 💡 なるほど, ❓ 質問 on any note, each person at most one of each kind
 * per note, and their own can be taken back.
 *
 * `doc.getMap('reactions')`: one flat entry per stamp given, keyed `${noteId}:${stamp}:${userId}` → when (ms).
 * Flat, not a map per note: two people giving the first stamp on a note at the same moment would each create
 * that note's map under the same key, and Yjs keeps only one of two concurrent values of a key. Different keys
 * always merge. The user id is the key's last part (ids are base64url, without ':'), so the server checks that
 * a participant writes only entries of their own (server/rooms/guards/ownEntries.ts).
 */
export const reactionsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('reactions');

export const STAMPS = ['agree', 'insight', 'question'] as const;
export type Stamp = (typeof STAMPS)[number];
export const STAMP_EMOJI: Record<Stamp, string> = { agree: '👍', insight: '💡', question: '❓' };
/** The Japanese names, as exports show them (the client has both languages). */
export const STAMP_LABEL_JA: Record<Stamp, string> = { agree: '同感', insight: 'なるほど', question: '質問' };

export const isStamp = (s: unknown): s is Stamp => typeof s === 'string' && (STAMPS as readonly string[]).includes(s);

export const reactionKey = (noteId: string, stamp: Stamp, userId: string): string => `${noteId}:${stamp}:${userId}`;

export interface ReactionKey {
  noteId: string;
  stamp: Stamp;
  userId: string;
}

/** Reads a key from its end, so a note id holding ':' still parses; null for anything else. */
export function parseReactionKey(key: string): ReactionKey | null {
  const last = key.lastIndexOf(':');
  const mid = last > 0 ? key.lastIndexOf(':', last - 1) : -1;
  if (mid <= 0) return null;
  const stamp = key.slice(mid + 1, last);
  const userId = key.slice(last + 1);
  if (!isStamp(stamp) || !userId) return null;
  return { noteId: key.slice(0, mid), stamp, userId };
}

export const isReactionMark = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export type StampCounts = Record<Stamp, number>;
export const noStamps = (): StampCounts => ({ agree: 0, insight: 0, question: 0 });

/** Stamps per note, counting only notes that exist; `mine` the stamps `userId` gave. */
export function reactionCounts(doc: Y.Doc, userId: string | null = null): { counts: Map<string, StampCounts>; mine: Set<string> } {
  const notes = notesOf(doc);
  const counts = new Map<string, StampCounts>();
  const mine = new Set<string>();
  reactionsOf(doc).forEach((v, key) => {
    const k = parseReactionKey(key);
    if (!k || !isReactionMark(v) || !notes.has(k.noteId)) return;
    let c = counts.get(k.noteId);
    if (!c) counts.set(k.noteId, (c = noStamps()));
    c[k.stamp]++;
    if (userId && k.userId === userId) mine.add(key);
  });
  return { counts, mine };
}

export const hasReacted = (doc: Y.Doc, noteId: string, stamp: Stamp, userId: string): boolean =>
  isReactionMark(reactionsOf(doc).get(reactionKey(noteId, stamp, userId)));

/** Gives the stamp, or takes it back when this person already gave it. Returns whether it is given now. */
export function toggleReaction(doc: Y.Doc, noteId: string, stamp: Stamp, userId: string, origin: unknown = null, now = Date.now()): boolean {
  if (!userId || !isStamp(stamp) || !notesOf(doc).has(noteId)) return false;
  const key = reactionKey(noteId, stamp, userId);
  const given = hasReacted(doc, noteId, stamp, userId);
  doc.transact(() => (given ? reactionsOf(doc).delete(key) : reactionsOf(doc).set(key, now)), origin);
  return !given;
}
