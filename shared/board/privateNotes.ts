import * as Y from 'yjs';
import { metaOf, notesOf, readNote, wellFormed } from './doc';
import type { Note } from './schema';

/**
 * Private writing (issue 24, 個人ワーク). While `meta.privateWriting` is on, a participant's new notes
 * go to a doc of their own (their private notes: the same `notes` map as a board's, nothing else),
 * synced over its own socket with their devices only and stored apart from the board. They join the
 * board only when revealed: by the facilitator (everyone's, or one group's) or by their author (公開する).
 *
 * `meta.privateWritingSince` (ms, the server's clock) is when it was last switched on: a note made
 * before that (written offline, sent late) is still let onto the board.
 */
/** Why the server closes a socket that adds a note to the board while private writing is on (1008). */
export const PRIVATE_REFUSED = 'private writing is on: a new note stays with its author until it is revealed';

/**
 * A note made this soon after the switch (by the writer's clock) still joins the board: its client had
 * not heard yet. A later one is refused, and the client moves it into the private notes itself.
 */
export const PRIVATE_GRACE_MS = 30_000;

/** Whether the server refuses a participant's new note made at `createdAt` on this board now. */
export const refusedWhilePrivate = (doc: Y.Doc, createdAt: unknown): boolean =>
  privateWritingOn(doc) && (typeof createdAt !== 'number' || createdAt >= privateWritingSince(doc) + PRIVATE_GRACE_MS);

export const privateWritingOn = (doc: Y.Doc): boolean => metaOf(doc).get('privateWriting') === true;

export function privateWritingSince(doc: Y.Doc): number {
  const v = metaOf(doc).get('privateWritingSince');
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Switches private writing on or off; nothing is revealed by switching it off. */
export function setPrivateWriting(doc: Y.Doc, on: boolean, origin: unknown = null, now = Date.now()): void {
  doc.transact(() => {
    const meta = metaOf(doc);
    if (on && !privateWritingOn(doc)) meta.set('privateWritingSince', now);
    meta.set('privateWriting', on);
  }, origin);
}

/** The notes a private doc holds, oldest first (broken ones left out: they are never revealed). */
export function privateNotesIn(doc: Y.Doc): Note[] {
  const out: Note[] = [];
  notesOf(doc).forEach((value, id) => {
    const r = readNote(id, value);
    if (r.ok) out.push(r.note);
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Writes notes into a doc under their own ids, as they are (the author's column, place and colour). */
export function putNotes(doc: Y.Doc, notes: readonly Note[], opts: { anonymous: boolean }, origin: unknown = null): void {
  doc.transact(() => {
    const all = notesOf(doc);
    for (const n of notes) {
      const m = new Y.Map<unknown>();
      m.set('text', new Y.Text(wellFormed(n.text)));
      for (const k of ['x', 'y', 'w', 'h', 'color', 'sectionId', 'authorId', 'createdAt', 'category'] as const) m.set(k, n[k]);
      for (const k of ['categorySource', 'categoryX', 'categoryY'] as const) if (n[k] !== undefined) m.set(k, n[k]);
      m.set('author', opts.anonymous ? '' : n.author);
      all.set(n.id, m);
    }
  }, origin);
}

/** Takes notes out of a doc. */
export function removeNotes(doc: Y.Doc, ids: readonly string[], origin: unknown = null): void {
  doc.transact(() => {
    const all = notesOf(doc);
    for (const id of ids) all.delete(id);
  }, origin);
}
