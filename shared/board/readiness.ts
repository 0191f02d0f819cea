import * as Y from 'yjs';
import { z } from 'zod';
import { metaOf } from './doc';

/**
 * Readiness (issue 24): a participant says 書き終わった / "Done", and may take it back.
 *
 * `doc.getMap('readiness')`: userId → when they said so (ms since the epoch, their device's clock). Kept in the
 * board doc, not in awareness, so it survives reconnects, reloads and a server restart. Keyed by the public
 * user id (never the secret client key): each entry is written only by its owner, or cleared by the
 * facilitator for a new round (server/rooms/guards/ownEntries.ts). No entry means still writing.
 *
 * The facilitator's nudge (「あと1分です」) is `meta.nudge` = `{at, message?}`, written by the server
 * (`POST /api/boards/:boardId/nudge`): every device shows it as a banner when `at` changes.
 */
export const readinessOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('readiness');

/** A stored entry: when the person said they were done. */
export const isReadyMark = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export const isReady = (doc: Y.Doc, userId: string): boolean => !!userId && isReadyMark(readinessOf(doc).get(userId));

/** The people who said they are done: userId → when. */
export function readyPeople(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  readinessOf(doc).forEach((v, id) => isReadyMark(v) && out.set(id, v));
  return out;
}

/** Says (or takes back) "Done" for one person: only their own entry changes. */
export function setReady(doc: Y.Doc, userId: string, ready: boolean, origin: unknown = null, now = Date.now()): void {
  if (!userId) return;
  const marks = readinessOf(doc);
  if (ready === isReadyMark(marks.get(userId))) return;
  doc.transact(() => (ready ? marks.set(userId, now) : marks.delete(userId)), origin);
}

/** Facilitator: everyone back to "still writing", for the next round. */
export function clearReadiness(doc: Y.Doc, origin: unknown = null): void {
  const marks = readinessOf(doc);
  if (marks.size === 0) return;
  doc.transact(() => [...marks.keys()].forEach((k) => marks.delete(k)), origin);
}

export const NUDGE_MESSAGE_MAX = 100;
export const NudgeSchema = z.object({
  at: z.number().int().nonnegative(),
  /** The facilitator's own words; absent: every device says 「あと1分です」 / "One more minute" in its language. */
  message: z.string().max(NUDGE_MESSAGE_MAX).optional(),
});
export type Nudge = z.infer<typeof NudgeSchema>;

export function readNudge(doc: Y.Doc): Nudge | null {
  const r = NudgeSchema.safeParse(metaOf(doc).get('nudge'));
  return r.success ? r.data : null;
}

export function setNudge(doc: Y.Doc, nudge: Nudge, origin: unknown = null): void {
  const value = NudgeSchema.parse(nudge);
  doc.transact(() => metaOf(doc).set('nudge', value.message === undefined ? { at: value.at } : value), origin);
}

export interface PersonStatus {
  userId: string;
  /** '' when the person gave none, or on an anonymous board. */
  name: string;
  /** The group they joined, else the group of their latest note; null outside every group. */
  group: string | null;
  notes: number;
  done: boolean;
  /** Connected now. */
  here: boolean;
}

export interface GroupStatus {
  group: string | null;
  people: PersonStatus[];
  notes: number;
  done: number;
}

export interface ReadinessInput {
  notes: readonly { authorId: string; author: string; sectionId: string | null; createdAt: number }[];
  sections: readonly { id: string; group: string }[];
  ready: ReadonlyMap<string, number>;
  /** Everyone connected (awareness): the facilitator and viewers are left out here. */
  present: readonly { id: string; name: string; role: string; group?: string }[];
  anonymous: boolean;
  /** The facilitator's own id: their notes are no participant's. */
  self: string | null;
}

/**
 * Who is done and who is still writing, by group: everyone who wrote a note, said "Done", or is connected
 * as a participant. People are in the order they first showed up on the board (first note or "Done"), so an
 * anonymous board can number them (参加者 1, 2…) the same way on every render.
 */
export function readinessByGroup(p: ReadinessInput): GroupStatus[] {
  const groupOf = new Map(p.sections.map((s) => [s.id, s.group || null]));
  const people = new Map<string, PersonStatus & { first: number }>();
  const person = (id: string) => {
    let s = people.get(id);
    if (!s) people.set(id, (s = { userId: id, name: '', group: null, notes: 0, done: false, here: false, first: Number.MAX_SAFE_INTEGER }));
    return s;
  };
  const staff = new Set(p.present.filter((u) => u.role !== 'participant').map((u) => u.id));
  if (p.self) staff.add(p.self);
  const byTime = [...p.notes].sort((a, b) => a.createdAt - b.createdAt);
  for (const n of byTime) {
    if (!n.authorId || staff.has(n.authorId)) continue;
    const s = person(n.authorId);
    s.notes++;
    s.first = Math.min(s.first, n.createdAt);
    if (n.author && !p.anonymous) s.name = n.author;
    const g = n.sectionId ? groupOf.get(n.sectionId) : null;
    if (g) s.group = g;
  }
  for (const [id, at] of p.ready) {
    if (staff.has(id)) continue;
    const s = person(id);
    s.done = true;
    s.first = Math.min(s.first, at);
  }
  for (const u of p.present) {
    if (u.role !== 'participant' || !u.id) continue;
    const s = person(u.id);
    s.here = true;
    if (!p.anonymous && u.name) s.name = u.name;
    if (u.group) s.group = u.group;
  }
  const sorted = [...people.values()].sort((a, b) => a.first - b.first || (a.userId < b.userId ? -1 : 1));
  const groups = new Map<string | null, GroupStatus>();
  for (const { first: _first, ...s } of sorted) {
    let g = groups.get(s.group);
    if (!g) groups.set(s.group, (g = { group: s.group, people: [], notes: 0, done: 0 }));
    g.people.push(s);
    g.notes += s.notes;
    if (s.done) g.done++;
  }
  return [...groups.values()].sort((a, b) => (a.group === null ? 1 : b.group === null ? -1 : a.group.localeCompare(b.group)));
}
