import * as Y from 'yjs';
import { metaOf, notesOf, readNote } from './doc';
import type { Note } from './schema';
import { personalInfoWarnings, type PiiKind } from '../privacy/pii';

/**
 * Approval before the projector (issue 24). While `meta.moderation` is on, a note reaches the viewer
 * link (the hall's screen) only once the facilitator approved it; a hidden note never does. The state
 * lives in the board doc so every process derives the same projection from its own copy, and only the
 * server and the facilitator write it (server/rooms/guards/moderation.ts).
 *
 * `doc.getMap('moderation')`: noteId → `{state: 'approved' | 'hidden', at}` (at: ms since the epoch,
 * the server's clock). A note with no entry is pending while moderation is on (default deny: a note that
 * arrives from another process before its mark is still kept off the screen) and shown while it is off.
 */
export const moderationOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('moderation');

export type ModerationState = 'approved' | 'hidden';
export const MODERATION_STATES: readonly ModerationState[] = ['approved', 'hidden'];

export interface ModerationEntry {
  state: ModerationState;
  at: number;
}

export function readModerationEntry(value: unknown): ModerationEntry | null {
  if (!value || typeof value !== 'object') return null;
  const { state, at } = value as { state?: unknown; at?: unknown };
  if (!MODERATION_STATES.includes(state as ModerationState) || typeof at !== 'number') return null;
  return { state: state as ModerationState, at };
}

export const moderationOn = (doc: Y.Doc): boolean => metaOf(doc).get('moderation') === true;

/** Whether the viewer link may show the note: never when hidden; while moderation is on, only once approved. */
export function shownToViewers(on: boolean, entry: ModerationEntry | null): boolean {
  if (entry?.state === 'hidden') return false;
  return !on || entry?.state === 'approved';
}

/** The notes the viewer link must not receive (pending or hidden), as the board is now. */
export function keptFromViewers(doc: Y.Doc): Set<string> {
  const on = moderationOn(doc);
  const entries = moderationOf(doc);
  const out = new Set<string>();
  notesOf(doc).forEach((_v, id) => {
    if (!shownToViewers(on, readModerationEntry(entries.get(id)))) out.add(id);
  });
  return out;
}

/** Marks notes approved or hidden, in one transaction. */
export function setModeration(doc: Y.Doc, ids: readonly string[], state: ModerationState, origin: unknown = null, now = Date.now()): void {
  const entries = moderationOf(doc);
  doc.transact(() => {
    for (const id of ids) entries.set(id, { state, at: now });
  }, origin);
}

/**
 * Switches moderation on or off. On: every note already on the board without a mark is approved in the
 * same transaction, so what the hall's screen shows stays on it. Off: pending notes are shown again
 * (there is no queue any more to approve them); hidden ones stay hidden.
 */
export function setModerationOn(doc: Y.Doc, on: boolean, origin: unknown = null, now = Date.now()): void {
  doc.transact(() => {
    if (on && !moderationOn(doc)) {
      const entries = moderationOf(doc);
      notesOf(doc).forEach((_v, id) => {
        if (!readModerationEntry(entries.get(id))) entries.set(id, { state: 'approved', at: now });
      });
    }
    metaOf(doc).set('moderation', on);
  }, origin);
}

export type ModerationStatus = 'pending' | 'approved' | 'hidden' | 'shown';

/** A note's state as the facilitator's queue names it ('shown': moderation off and never marked). */
export function moderationStatus(doc: Y.Doc, id: string): ModerationStatus {
  const entry = readModerationEntry(moderationOf(doc).get(id));
  if (entry) return entry.state;
  return moderationOn(doc) ? 'pending' : 'shown';
}

export interface QueuedNote {
  note: Note;
  /** Kinds of personal information the text seems to hold, for the warning (shared/privacy/pii.ts). */
  warnings: PiiKind[];
}

/** The notes waiting for the facilitator, oldest first, each with its personal-information warnings. */
export function moderationQueue(doc: Y.Doc): QueuedNote[] {
  if (!moderationOn(doc)) return [];
  return notesIn(doc, 'pending');
}

/** The hidden notes, oldest first (the facilitator can still approve one). */
export const hiddenNotes = (doc: Y.Doc): QueuedNote[] => notesIn(doc, 'hidden');

function notesIn(doc: Y.Doc, status: ModerationStatus): QueuedNote[] {
  const out: QueuedNote[] = [];
  notesOf(doc).forEach((value, id) => {
    if (moderationStatus(doc, id) !== status) return;
    const r = readNote(id, value);
    if (r.ok) out.push({ note: r.note, warnings: personalInfoWarnings(r.note.text) });
  });
  return out.sort((a, b) => a.note.createdAt - b.note.createdAt || (a.note.id < b.note.id ? -1 : 1));
}
