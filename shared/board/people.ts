import type * as Y from 'yjs';
import { z } from 'zod';
import { metaOf } from './doc';
import type { Note, Section } from './schema';
import type { Role } from './roles';

/**
 * Who does what during a session: the scribe (書記役) of each group, whom everybody follows,
 * and which group the facilitator is focusing on. All in `meta`, written by the facilitator only.
 */
export const GroupIdSchema = z.string().min(1).max(16);
export const ScribesSchema = z.record(GroupIdSchema, z.string().min(1).max(64));
export type Scribes = z.infer<typeof ScribesSchema>;

/** Whose awareness `viewport` participants' canvases follow (the facilitator's awareness client id). */
export const FollowSchema = z.object({
  clientId: z.number().int().nonnegative(),
  /** When it was asked: asking again brings back those who had moved away. */
  at: z.number().int().nonnegative().optional(),
});
export type Follow = z.infer<typeof FollowSchema>;

export class PeopleInputError extends Error {}

export function readScribes(doc: Y.Doc): Scribes {
  const r = ScribesSchema.safeParse(metaOf(doc).get('scribes'));
  return r.success ? r.data : {};
}

/** Names (userId) or clears (null) the scribe of one group. */
export function setScribe(doc: Y.Doc, group: string, userId: string | null, origin: unknown = null): void {
  if (!GroupIdSchema.safeParse(group).success) throw new PeopleInputError('group: 1–16 characters');
  if (userId !== null && (userId.length === 0 || userId.length > 64)) throw new PeopleInputError('scribe: a user id is required');
  const next: Scribes = { ...readScribes(doc) };
  if (userId) next[group] = userId;
  else delete next[group];
  doc.transact(() => metaOf(doc).set('scribes', next), origin);
}

export function readFollow(doc: Y.Doc): Follow | null {
  const r = FollowSchema.safeParse(metaOf(doc).get('follow'));
  return r.success ? r.data : null;
}

/** "Bring everyone to me": the facilitator's awareness client id, or null to let everybody roam. */
export function setFollow(doc: Y.Doc, follow: Follow | null, origin: unknown = null): void {
  if (follow && !FollowSchema.safeParse(follow).success) throw new PeopleInputError('follow: a client id is required');
  doc.transact(() => metaOf(doc).set('follow', follow), origin);
}

export function readFocusGroup(doc: Y.Doc): string | null {
  const g = metaOf(doc).get('focusGroup');
  return GroupIdSchema.safeParse(g).success ? (g as string) : null;
}

export function setFocusGroup(doc: Y.Doc, group: string | null, origin: unknown = null): void {
  if (group !== null && !GroupIdSchema.safeParse(group).success) throw new PeopleInputError('group: 1–16 characters');
  doc.transact(() => metaOf(doc).set('focusGroup', group), origin);
}

/** The group a note belongs to: its section's group, or null outside every group's sections. */
export function noteGroup(note: Pick<Note, 'sectionId'>, sections: readonly Pick<Section, 'id' | 'group'>[]): string | null {
  if (!note.sectionId) return null;
  return sections.find((s) => s.id === note.sectionId)?.group || null;
}

export interface Actor {
  role: Role;
  userId: string;
}

/** True when the actor is the named scribe of `group`. */
export const isScribeOf = (actor: Actor, group: string | null, scribes: Scribes): boolean =>
  !!group && !!actor.userId && scribes[group] === actor.userId;

/**
 * Who may change a note's text or colour, or delete it: the facilitator; its author; the scribe of
 * its group. (Anyone who can write may move any note.) The server enforces the same rule.
 */
export function mayEditNote(
  actor: Actor,
  note: Pick<Note, 'authorId' | 'sectionId'>,
  ctx: { scribes: Scribes; sections: readonly Pick<Section, 'id' | 'group'>[] },
): boolean {
  if (actor.role === 'facilitator') return true;
  if (actor.role !== 'participant' || !actor.userId) return false;
  return note.authorId === actor.userId || isScribeOf(actor, noteGroup(note, ctx.sections), ctx.scribes);
}

/**
 * Who may move a note into `toSectionId`: anyone who can write, within the note's group; into another
 * group (or out of every group), only who may edit it where it is. Otherwise the scribe of A could
 * move a group-B note into A, edit it there, and move it back. With the board's "participants move only
 * their own notes" (`ownNotesOnly`), moving at all needs the right to edit. The server enforces the same rule.
 */
export function mayMoveNote(
  actor: Actor,
  note: Pick<Note, 'authorId' | 'sectionId'>,
  toSectionId: string | null,
  ctx: { scribes: Scribes; sections: readonly Pick<Section, 'id' | 'group'>[]; ownNotesOnly?: boolean },
): boolean {
  if (!ctx.ownNotesOnly && noteGroup(note, ctx.sections) === noteGroup({ sectionId: toSectionId }, ctx.sections)) return actor.role !== 'viewer';
  return mayEditNote(actor, note, ctx);
}

/** The board's setting "participants move only their own notes" (POST …/settings {ownNotesOnly}). */
export const ownNotesOnly = (doc: Y.Doc): boolean => metaOf(doc).get('ownNotesOnly') === true;
