import * as Y from 'yjs';
import { LIMITS, NoteSchema, type Note, type Section } from '../../../shared/board/schema';
import { metaOf, readSection, sectionsOf } from '../../../shared/board/doc';
import { mayEditNote, noteGroup, ownNotesOnly, readScribes, type Actor } from '../../../shared/board/people';
import { isVoteCount, readVoting } from '../../../shared/board/votes';
import type { ChangeGuard } from '../room';
import { checkShape, locate, rootNames } from './shape';
import { checkOwnEntries, OWN_ENTRY_ROOTS } from './ownEntries';

/**
 * The workshop's rules, enforced on the server whatever a client sends:
 * a participant creates notes only in their own name; changes text, colour or size of, or deletes,
 * only their own notes (or any note of the group they are the scribe of, as it is both before and
 * after the change); moves any note within its group, and into another group only a note they may
 * edit (with the board's ownNotesOnly, moves only notes they may edit); votes only under their own id, while
 * voting is open and within their budget; says "Done" and gives stamps only as themselves (ownEntries.ts). What they add
 * must fit the board's shape (see shape.ts). Everything else — meta (agenda, timer, scribes, follow,
 * voting), sections, and any other part of the doc — is the facilitator's. On an anonymous board
 * nobody's note carries an author name.
 *
 * Pure: it reads the transaction and the doc it was applied to (`tr.doc`), never the room's state,
 * so it gives the same answer wherever the room applies the change to decide on it.
 */
export const workshopGuard: ChangeGuard = (_room, conn, tr) => checkChange({ role: conn.role, userId: conn.userId }, tr);

/** Fields anyone who can write may change on any note: where it sits, in the worksheet and in the category arrangement. */
const MOVE_FIELDS = new Set(['x', 'y', 'sectionId', 'categoryX', 'categoryY']);
/** Fields the author, their group's scribe and the facilitator may change. */
const EDIT_FIELDS = new Set(['text', 'color', 'w', 'h', 'author', 'category', 'categorySource']);
/** Notes are whole and carry nothing else: a key the schema does not know is refused, not dropped. */
const StrictNote = NoteSchema.strict();
const EDIT_REFUSED = "a participant may only edit their own notes (or their group's as its scribe)";
const MOVE_REFUSED = "this board lets participants move only their own notes (or their group's as its scribe)";

// Yjs types its shared types by their event type; the guard walks every kind of them alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;
type KeyChange = { action: 'add' | 'update' | 'delete'; oldValue: unknown };

/** Returns why the change is refused, or null when the actor may make it. */
export function checkChange(actor: Actor, tr: Y.Transaction): string | null {
  const roots = rootNames(tr.doc);
  const named = checkAnonymous(tr, roots);
  if (named) return named;
  if (actor.role === 'facilitator') return null;
  if (actor.role !== 'participant') return 'a viewer cannot change the board';
  const shape = checkShape(tr, actor.userId, roots);
  if (shape) return shape;
  const ctx = new Context(tr, actor);
  let votesTouched = false;
  for (const [type, keys] of tr.changed) {
    const at = locate(type, roots);
    if (!at) return 'change to an unknown part of the board';
    if (keys.has(null) && !(type instanceof Y.Text)) return 'a map of the board holds no list content';
    let reason: string | null;
    if (at.root === 'notes') reason = checkNotes(ctx, type, keys, at.path);
    else if (at.root === 'votes') {
      votesTouched = true;
      reason = checkVotePath(ctx, type, keys, at.path);
    } else if (OWN_ENTRY_ROOTS.has(at.root)) reason = checkOwnEntries(at.root, type, keys, at.path, actor.userId);
    else reason = at.root === 'meta' || at.root === 'sections' ? `only the facilitator can change the board's ${at.root}` : `only the facilitator can change "${at.root}"`;
    if (reason) return reason;
  }
  return votesTouched ? checkBallot(ctx) : null;
}

/** Lazily read, shared facts about the board after the change. */
class Context {
  private sectionList: Section[] | null = null;
  constructor(
    readonly tr: Y.Transaction,
    readonly actor: Actor,
  ) {}
  get sections(): Section[] {
    if (!this.sectionList) {
      const list: Section[] = [];
      sectionsOf(this.tr.doc).forEach((v, id) => {
        const s = readSection(id, v);
        if (s) list.push(s);
      });
      this.sectionList = list;
    }
    return this.sectionList;
  }
  get scribes() {
    return readScribes(this.tr.doc);
  }
  get ownNotesOnly(): boolean {
    return ownNotesOnly(this.tr.doc);
  }
  mayEdit(note: Pick<Note, 'authorId' | 'sectionId'>): boolean {
    // One's own note needs no look at the board (performance: reading every note per keystroke is O(board)).
    if (this.actor.role === 'participant' && this.actor.userId && note.authorId === this.actor.userId) return true;
    return mayEditNote(this.actor, note, { scribes: this.scribes, sections: this.sections });
  }
  groupOf(sectionId: string | null): string | null {
    return noteGroup({ sectionId }, this.sections);
  }
}

/** Where the change moved the note from, when it changed its section: undefined when it did not. */
function movedFrom(tr: Y.Transaction, note: SharedType): string | null | undefined {
  const keys = tr.changed.get(note);
  if (!keys?.has('sectionId')) return undefined;
  const change = keyChanges(tr, note, keys).get('sectionId');
  if (!change || change.action === 'add') return undefined;
  return typeof change.oldValue === 'string' ? change.oldValue : null;
}

/** Scribe rights hold for a note of their group as it is both before and after the change: no move in, edit, move out. */
function mayEditBeforeAndAfter(ctx: Context, note: SharedType): boolean {
  const now = ownership(note);
  if (!ctx.mayEdit(now)) return false;
  const from = movedFrom(ctx.tr, note);
  return from === undefined || ctx.mayEdit({ authorId: now.authorId, sectionId: from });
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

/** On an anonymous board (as it is after the change), no note the change writes may carry a name. */
function checkAnonymous(tr: Y.Transaction, roots: Map<unknown, string>): string | null {
  if (metaOf(tr.doc).get('anonymous') !== true) return null;
  for (const [type, keys] of tr.changed) {
    const at = locate(type, roots);
    if (at?.root !== 'notes') continue;
    const named =
      at.path.length === 0 ? [...keys].some((k) => k !== null && carriesName(type._map.get(k))) : at.path.length === 1 && keys.has('author') && carriesName(type._map.get('author'), true);
    if (named) return 'this board is anonymous: a note carries no author name';
  }
  return null;
}

/** A live note holding a non-empty author name, or (`isAuthor`) a live non-empty author value. */
function carriesName(item: Y.Item | undefined, isAuthor = false): boolean {
  if (!item || item.deleted) return false;
  const value: unknown = item.content.getContent().at(-1);
  if (isAuthor) return typeof value === 'string' && value !== '';
  return value instanceof Y.AbstractType && carriesName(value._map.get('author'), true);
}

function checkNotes(ctx: Context, type: SharedType, keys: Set<string | null>, path: (string | null)[]): string | null {
  if (path.length === 0) return checkNoteEntries(ctx, type, keys);
  const noteMap = noteMapOf(type, path.length);
  if (!noteMap) return 'change to an unknown part of a note';
  // Edits to a note deleted in the same change: the deletion itself is judged with the notes map.
  if (noteMap._item?.deleted) return null;
  if (path.length === 1) return checkNoteFields(ctx, type, keys);
  if (path.length === 2 && path[1] === 'text' && type instanceof Y.Text) {
    if (!mayEditBeforeAndAfter(ctx, noteMap)) return EDIT_REFUSED;
    return type.length > LIMITS.noteTextHardMax ? `a note holds at most ${LIMITS.noteTextHardMax} characters` : null;
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
    const parsed = StrictNote.safeParse(plainNote(value, id));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `invalid note: ${issue ? `${issue.path.join('.') || issue.message}: ${issue.message}` : 'bad value'}`;
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
    if (field === 'sectionId' && !mayRegroup(ctx, note)) return "a participant may only move a note into another group if they may edit it";
    if (MOVE_FIELDS.has(field)) {
      if (ctx.ownNotesOnly && !mayEditBeforeAndAfter(ctx, note)) return MOVE_REFUSED;
      continue;
    }
    if (!mayEditBeforeAndAfter(ctx, note)) return EDIT_REFUSED;
  }
  return null;
}

/** A move that changes a note's group needs the right to edit it where it was. */
function mayRegroup(ctx: Context, note: SharedType): boolean {
  const from = movedFrom(ctx.tr, note);
  if (from === undefined) return true;
  const { authorId, sectionId } = ownership(note);
  return ctx.groupOf(from) === ctx.groupOf(sectionId) || ctx.mayEdit({ authorId, sectionId: from });
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

/**
 * After the change: voting is open, every count is a whole number, and the budget holds, counting
 * every entry of the ballot — one on a note that does not exist (yet) too, or creating that note
 * later would bring votes past the budget. Over the budget (the facilitator lowered it), taking
 * votes back is still allowed.
 */
function checkBallot(ctx: Context): string | null {
  const { open, perPerson } = readVoting(ctx.tr.doc);
  if (!open) return 'voting is not open';
  const raw: unknown = ctx.tr.doc.getMap('votes').get(ctx.actor.userId);
  if (!(raw instanceof Y.Map)) return null;
  let used = 0;
  for (const v of raw.values()) {
    if (!isVoteCount(v)) return 'a vote count must be a whole number';
    used += v;
  }
  return used > perPerson && !onlyTakesBack(ctx.tr, raw) ? `at most ${perPerson} votes per person` : null;
}

function onlyTakesBack(tr: Y.Transaction, ballot: Y.Map<unknown>): boolean {
  const keys = tr.changed.get(ballot as unknown as SharedType);
  if (!keys) return false;
  for (const [noteId, change] of keyChanges(tr, ballot as unknown as SharedType, keys)) {
    const now = ballot.get(noteId);
    if (change.action === 'add' || (now !== undefined && !(isVoteCount(change.oldValue) && isVoteCount(now) && now < change.oldValue))) return false;
  }
  return true;
}
