import * as Y from 'yjs';
import { LIMITS, NoteSchema, type Note } from '../../../shared/board/schema';
import { readBoard } from '../../../shared/board/doc';
import { mayEditNote, readScribes, type Actor } from '../../../shared/board/people';
import { ballotOf, isVoteCount, readVoting, votesUsed } from '../../../shared/board/votes';
import type { ChangeGuard } from '../room';

/**
 * The workshop's rules, enforced on the server whatever a client sends:
 * a participant creates notes only in their own name; changes text, colour or size of, or deletes,
 * only their own notes (or any note of the group they are the scribe of); moves any note; votes only
 * under their own id, while voting is open and within their budget. Everything else — meta (agenda,
 * timer, scribes, follow, voting), sections, and any other part of the doc — is the facilitator's.
 *
 * Pure: it reads the transaction and the doc it was applied to (`tr.doc`), never the room's state,
 * so it gives the same answer wherever the room applies the change to decide on it.
 */
export const workshopGuard: ChangeGuard = (_room, conn, tr) => checkChange({ role: conn.role, userId: conn.userId }, tr);

/** Fields anyone who can write may change on any note: where it sits, in the worksheet and in the category arrangement. */
const MOVE_FIELDS = new Set(['x', 'y', 'sectionId', 'categoryX', 'categoryY']);
/** Fields the author, their group's scribe and the facilitator may change. */
const EDIT_FIELDS = new Set(['text', 'color', 'w', 'h', 'author', 'category', 'categorySource']);

// Yjs types its shared types by their event type; the guard walks every kind of them alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;
type Located = { root: string; path: (string | null)[] };
type KeyChange = { action: 'add' | 'update' | 'delete'; oldValue: unknown };

/** Returns why the change is refused, or null when the actor may make it. */
export function checkChange(actor: Actor, tr: Y.Transaction): string | null {
  if (actor.role === 'facilitator') return null;
  if (actor.role !== 'participant') return 'a viewer cannot change the board';
  const roots = rootNames(tr.doc);
  const ctx = new Context(tr, actor);
  let votesTouched = false;
  for (const [type, keys] of tr.changed) {
    const at = locate(type, roots);
    if (!at) return 'change to an unknown part of the board';
    let reason: string | null;
    if (at.root === 'notes') reason = checkNotes(ctx, type, keys, at.path);
    else if (at.root === 'votes') {
      votesTouched = true;
      reason = checkVotePath(ctx, type, keys, at.path);
    } else reason = at.root === 'meta' || at.root === 'sections' ? `only the facilitator can change the board's ${at.root}` : `only the facilitator can change "${at.root}"`;
    if (reason) return reason;
  }
  return votesTouched ? checkBallot(ctx) : null;
}

/** Lazily read, shared facts about the board after the change. */
class Context {
  private board: ReturnType<typeof readBoard> | null = null;
  constructor(
    readonly tr: Y.Transaction,
    readonly actor: Actor,
  ) {}
  get sections() {
    this.board ??= readBoard(this.tr.doc);
    return this.board.sections;
  }
  get scribes() {
    return readScribes(this.tr.doc);
  }
  mayEdit(note: Pick<Note, 'authorId' | 'sectionId'>): boolean {
    // One's own note needs no look at the board (performance: reading every note per keystroke is O(board)).
    if (this.actor.role === 'participant' && this.actor.userId && note.authorId === this.actor.userId) return true;
    return mayEditNote(this.actor, note, { scribes: this.scribes, sections: this.sections });
  }
}

/**
 * Root types by their entries map. A room loaded from the store holds untyped roots until someone calls
 * getMap, which then swaps in a new Y.Map sharing the same entries — possibly in the middle of this check,
 * so the transaction may name either object. Their shared `_map` identifies both.
 */
function rootNames(doc: Y.Doc): Map<unknown, string> {
  const roots = new Map<unknown, string>();
  doc.share.forEach((type, name) => roots.set(type._map, name));
  return roots;
}

/** Where a changed type sits: its root's name and the keys leading down to it. */
function locate(type: SharedType, roots: Map<unknown, string>): Located | null {
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

const keyChanges = (tr: Y.Transaction, type: SharedType, keys: Set<string | null>): Map<string, KeyChange> =>
  new Y.YMapEvent(type as Y.Map<unknown>, tr, keys).keys;

/** A value of a map, even a deleted one: a deleted note still tells whose it was. */
function rawField(map: SharedType, key: string): unknown {
  const item = map._map.get(key);
  return item ? item.content.getContent().at(-1) : undefined;
}

function ownership(map: SharedType): Pick<Note, 'authorId' | 'sectionId'> {
  const authorId = rawField(map, 'authorId');
  const sectionId = rawField(map, 'sectionId');
  return { authorId: typeof authorId === 'string' ? authorId : '', sectionId: typeof sectionId === 'string' ? sectionId : null };
}

function checkNotes(ctx: Context, type: SharedType, keys: Set<string | null>, path: (string | null)[]): string | null {
  if (path.length === 0) return checkNoteEntries(ctx, type, keys);
  const noteMap = noteMapOf(type, path.length);
  if (!noteMap) return 'change to an unknown part of a note';
  // Edits to a note deleted in the same change: the deletion itself is judged with the notes map.
  if (noteMap._item?.deleted) return null;
  if (path.length === 1) return checkNoteFields(ctx, type, keys);
  if (path.length === 2 && path[1] === 'text' && type instanceof Y.Text) {
    if (!ctx.mayEdit(ownership(noteMap))) return "a participant may only edit their own notes (or their group's as its scribe)";
    return type.length > LIMITS.noteTextMax ? `a note holds at most ${LIMITS.noteTextMax} characters` : null;
  }
  return 'change to an unknown part of a note';
}

function noteMapOf(type: SharedType, depth: number): SharedType | null {
  let t: SharedType | null = type;
  for (let i = 1; i < depth && t; i++) t = t._item?.parent instanceof Y.AbstractType ? t._item.parent : null;
  return t instanceof Y.Map ? t : null;
}

/** Notes added, replaced or deleted. */
function checkNoteEntries(ctx: Context, notes: SharedType, keys: Set<string | null>): string | null {
  for (const [id, change] of keyChanges(ctx.tr, notes, keys)) {
    if (change.action !== 'add') {
      const old = change.oldValue;
      if (!(old instanceof Y.Map) || !ctx.mayEdit(ownership(old))) return "a participant may only delete their own notes (or their group's as its scribe)";
    }
    if (change.action === 'delete') continue;
    const value = rawField(notes, id);
    if (!(value instanceof Y.Map)) return 'a note must be a map';
    if (ownership(value).authorId !== ctx.actor.userId) return 'a note must carry its author’s own id';
    const parsed = NoteSchema.safeParse(plainNote(value, id));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `invalid note: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad value'}`;
    }
  }
  return null;
}

function plainNote(map: Y.Map<unknown>, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id };
  map.forEach((v, k) => (out[k] = v instanceof Y.Text ? v.toString() : v));
  return out;
}

/** Fields of an existing note set or removed. */
function checkNoteFields(ctx: Context, note: SharedType, keys: Set<string | null>): string | null {
  const changes = keyChanges(ctx.tr, note, keys);
  const shape = NoteSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  for (const field of changes.keys()) {
    if (!MOVE_FIELDS.has(field) && !EDIT_FIELDS.has(field)) return `only the facilitator can change a note's ${field}`;
    const now = rawField(note, field);
    const deleted = note._map.get(field)?.deleted ?? true;
    const value = deleted ? undefined : now instanceof Y.Text ? now.toString() : now;
    if (!shape[field]!.safeParse(value).success) return `invalid note ${field}`;
    if (MOVE_FIELDS.has(field)) continue;
    if (!ctx.mayEdit(ownership(note))) return "a participant may only edit their own notes (or their group's as its scribe)";
    // Moving a note into a group and editing it in one go needs the right in the group it came from too.
    const moved = changes.get('sectionId');
    if (moved && !ctx.mayEdit({ authorId: ownership(note).authorId, sectionId: typeof moved.oldValue === 'string' ? moved.oldValue : null })) {
      return "a participant may only edit their own notes (or their group's as its scribe)";
    }
  }
  return null;
}

/** Votes: only in one's own ballot (`votes[userId]`), one level deep. */
function checkVotePath(ctx: Context, type: SharedType, keys: Set<string | null>, path: (string | null)[]): string | null {
  const own = ctx.actor.userId;
  if (!own) return 'voting needs a client key';
  if (path.length === 0) {
    for (const [voter, change] of keyChanges(ctx.tr, type, keys)) {
      if (voter !== own) return 'a participant may only vote as themselves';
      if (change.action === 'delete' || !(rawField(type, voter) instanceof Y.Map)) return 'a ballot must be a map';
    }
    return null;
  }
  return path.length === 1 && path[0] === own ? null : 'a participant may only vote as themselves';
}

/** After the change: voting is open, every count is a whole number, and the budget holds. */
function checkBallot(ctx: Context): string | null {
  const { open, perPerson } = readVoting(ctx.tr.doc);
  if (!open) return 'voting is not open';
  const raw = ctx.tr.doc.getMap('votes').get(ctx.actor.userId);
  if (raw instanceof Y.Map) for (const v of raw.values()) if (!isVoteCount(v)) return 'a vote count must be a whole number';
  return votesUsed(ballotOf(ctx.tr.doc, ctx.actor.userId)) > perPerson ? `at most ${perPerson} votes per person` : null;
}
