import * as Y from 'yjs';
import { startApp } from '../testing/inProcess';
import { createBoard, type CreatedBoard } from '../testing/startServer';
import { connectClient, eventually } from '../testing/clients';
import { rawSocket } from './rawSocket';
import { honestClient, missingNotes, type HonestClient } from './honest';
import { rng, type Rng } from './hostile';
import { encodeSyncStep1, encodeSyncUpdate, MSG_SYNC, SYNC_STEP2 } from '../rooms/protocol';
import { addNote, metaOf, notesOf, readBoard, sectionsOf } from '../../shared/board/doc';
import { setVoting, votesOf } from '../../shared/board/votes';
import { setScribe } from '../../shared/board/people';
import { newClientKey } from '../../shared/board/ids';
import { userIdFromKey } from '../../shared/board/identity';

export interface GuardFuzzOptions {
  operations: number;
  seed: number;
  progress?: (line: string) => void;
}

export interface GuardFuzzReport {
  seed: number;
  /** Yjs operations made by the hostile actors (several may travel in one update). */
  operations: number;
  updatesSent: number;
  refused: number;
  accepted: number;
  honestEdits: number;
  invariantChecks: number;
  violations: string[];
  serverAnswering: boolean;
}

type ActorKind = 'participant' | 'scribe' | 'viewer';

interface Actor {
  kind: ActorKind;
  key: string;
  userId: string;
  token: string;
  sock: ReturnType<typeof rawSocket> | null;
  open: boolean;
}

const int = (r: Rng, max: number): number => Math.floor(r() * max);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** Keys a move touches: any participant may change these on any note (README, "Who may change what"). */
const PLACE_KEYS = new Set(['x', 'y', 'sectionId', 'categoryX', 'categoryY']);

/** Everything of the doc, as plain JSON: what the invariants compare. */
interface Plain {
  notes: Record<string, Record<string, unknown>>;
  votes: Record<string, Record<string, unknown>>;
  meta: Record<string, unknown>;
  sections: unknown;
  /** Every other root type and its content. */
  others: Record<string, unknown>;
  /** Notes that are not notes by the board contract (readBoard's broken). */
  broken: string[];
}

function plainOf(doc: Y.Doc): Plain {
  const json = (t: { toJSON(): unknown }): unknown => t.toJSON();
  const notes: Plain['notes'] = {};
  notesOf(doc).forEach((v, id) => (notes[id] = v instanceof Y.Map ? (v.toJSON() as Record<string, unknown>) : { __notAMap: String(v) }));
  const votes: Plain['votes'] = {};
  votesOf(doc).forEach((v, id) => (votes[id] = v instanceof Y.Map ? (v.toJSON() as Record<string, unknown>) : { __notAMap: String(v) }));
  const others: Record<string, unknown> = {};
  for (const [name, type] of doc.share) {
    if (['notes', 'votes', 'meta', 'sections'].includes(name)) continue;
    // A root type is named by whoever reads it; only content counts.
    const content = json(type);
    if (content !== undefined && !same(content, {}) && !same(content, [])) others[name] = content;
  }
  return { notes, votes, meta: metaOf(doc).toJSON(), sections: sectionsOf(doc).toJSON(), others, broken: readBoard(doc).broken.map((b) => b.id) };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The "Who may change what" table as a check on what a change did, written from the table (not from
 * the guard): given the board before and after one actor's update, every difference must be one the
 * actor may make. Returns what broke the rules.
 */
export function breaches(before: Plain, after: Plain, actor: { kind: ActorKind; userId: string; scribeOf: string | null }): string[] {
  const out: string[] = [];
  if (actor.kind === 'viewer') {
    if (!same(before, after)) out.push('a viewer changed the board');
    return out;
  }
  if (!same(before.meta, after.meta)) out.push('a participant changed meta');
  if (!same(before.sections, after.sections)) out.push('a participant changed sections');
  if (!same(before.others, after.others)) out.push('a participant changed another root map');
  const groupOfSection = new Map<string, string>();
  for (const [id, s] of Object.entries(before.sections as Record<string, { group?: string }>)) groupOfSection.set(id, s.group ?? '');
  const groupOf = (n: Record<string, unknown> | undefined) => (n && typeof n.sectionId === 'string' ? (groupOfSection.get(n.sectionId) ?? null) : null);
  const scribes = (n: Record<string, unknown> | undefined) => actor.scribeOf !== null && groupOf(n) === actor.scribeOf;
  const own = (n: Record<string, unknown> | undefined) => n?.authorId === actor.userId;
  for (const id of new Set([...Object.keys(before.notes), ...Object.keys(after.notes)])) {
    const b = before.notes[id];
    const a = after.notes[id];
    if (!b && a) {
      if (a.authorId !== actor.userId) out.push(`note ${id} added with another authorId`);
      if (before.meta.anonymous === true && a.author) out.push(`note ${id} carries an author name on an anonymous board`);
      continue;
    }
    if (b && !a) {
      if (!own(b) && !scribes(b)) out.push(`note ${id} of someone else deleted`);
      continue;
    }
    const changed = [...new Set([...Object.keys(b!), ...Object.keys(a!)])].filter((k) => !same(b![k], a![k]));
    if (changed.length === 0) continue;
    const content = changed.filter((k) => !PLACE_KEYS.has(k));
    // A note's content belongs to its author, and to its group's scribe before and after the change.
    if (content.length > 0 && !(own(b) && own(a)) && !(scribes(b) && scribes(a))) out.push(`note ${id}: ${content.join(', ')} changed by someone who may not edit it`);
    // Moving it to another group hands it to that group's scribe: only for someone who may edit it where it was.
    if (changed.includes('sectionId') && groupOf(b) !== groupOf(a) && !own(b) && !scribes(b)) {
      out.push(`note ${id} moved from group ${groupOf(b)} to ${groupOf(a)} by someone who may not edit it`);
    }
  }
  for (const voter of new Set([...Object.keys(before.votes), ...Object.keys(after.votes)])) {
    if (same(before.votes[voter], after.votes[voter])) continue;
    if (voter !== actor.userId) out.push(`votes of ${voter} changed by someone else`);
    else if (before.meta.voting !== true) out.push('votes changed while voting is closed');
  }
  const mine = after.votes[actor.userId];
  if (mine && !same(before.votes[actor.userId], mine)) {
    const budget = typeof before.meta.votesPerPerson === 'number' ? before.meta.votesPerPerson : 3;
    const used = Object.values(mine).reduce<number>((n, v) => n + (typeof v === 'number' ? v : Infinity), 0);
    if (used > budget) out.push(`ballot of ${used} on a budget of ${budget}`);
  }
  const newlyBroken = after.broken.filter((id) => !before.broken.includes(id));
  if (newlyBroken.length > 0) out.push(`notes no longer read as notes: ${newlyBroken.join(', ')}`);
  return out;
}

/** Random values of every kind a Yjs map holds: valid ones, wrong types, oversized strings, nested types. */
function value(r: Rng): unknown {
  switch (int(r, 10)) {
    case 0:
      return int(r, 2000);
    case 1:
      return '#a5d6a7';
    case 2:
      return 'あ'.repeat(1 + int(r, 600));
    case 3:
      return null;
    case 4:
      return { packed: 'x'.repeat(int(r, 3000)) };
    case 5:
      return new Y.Map(Object.entries({ deep: new Y.Text('入れ子') }));
    case 6:
      return Y.Array.from([1, 'two', new Y.Map()]);
    case 7:
      return new Y.Text('新しい本文');
    case 8:
      return -1e9;
    default:
      return `値${int(r, 100)}`;
  }
}

const NOTE_KEYS = ['text', 'x', 'y', 'w', 'h', 'color', 'category', 'categorySource', 'categoryX', 'categoryY', 'sectionId', 'author', 'authorId', 'createdAt', 'junk'];

/** The targets an operation may pick: own notes, others', the group-A notes, anything at all. */
interface Scene {
  me: string;
  ownNotes: string[];
  otherNotes: string[];
  sections: { id: string; group: string }[];
  otherVoter: string;
}

function sceneOf(doc: Y.Doc, me: string, otherVoter: string): Scene {
  const own: string[] = [];
  const other: string[] = [];
  notesOf(doc).forEach((v, id) => ((v instanceof Y.Map && v.get('authorId') === me ? own : other).push(id)));
  const sections: Scene['sections'] = [];
  sectionsOf(doc).forEach((v, id) => sections.push({ id, group: String(v.get('group') ?? '') }));
  return { me, ownNotes: own, otherNotes: other, sections, otherVoter };
}

type Op = (doc: Y.Doc, s: Scene, r: Rng) => string;

const anyNote = (s: Scene, r: Rng): string | null => {
  const all = r() < 0.5 && s.ownNotes.length ? s.ownNotes : s.otherNotes.length ? s.otherNotes : s.ownNotes;
  return all.length ? pick(r, all) : null;
};
const noteMap = (doc: Y.Doc, id: string | null): Y.Map<unknown> | null => {
  const n = id ? notesOf(doc).get(id) : undefined;
  return n instanceof Y.Map ? (n as Y.Map<unknown>) : null;
};
const textOf = (doc: Y.Doc, id: string | null): Y.Text | null => {
  const t = noteMap(doc, id)?.get('text');
  return t instanceof Y.Text ? t : null;
};
const anyType = (doc: Y.Doc, s: Scene, r: Rng): object => {
  const id = anyNote(s, r);
  const choices = [notesOf(doc), metaOf(doc), sectionsOf(doc), votesOf(doc), noteMap(doc, id), textOf(doc, id), doc.getMap(`extra${int(r, 2)}`)].filter((c) => c !== null);
  return pick(r, choices);
};

/** Real Yjs operations, each naming itself for the report. */
const OPS: Op[] = [
  (d, s, r) => {
    const n = noteMap(d, anyNote(s, r));
    if (!n) return 'set (no note)';
    const key = pick(r, NOTE_KEYS);
    n.set(key, value(r));
    return `note.set ${key}`;
  },
  (d, s, r) => {
    const n = noteMap(d, anyNote(s, r));
    if (!n) return 'delete key (no note)';
    const key = pick(r, NOTE_KEYS);
    n.delete(key);
    return `note.delete ${key}`;
  },
  (d, s, r) => {
    const t = textOf(d, anyNote(s, r));
    if (!t) return 'text (no note)';
    const len = t.length;
    const at = int(r, len + 1);
    switch (int(r, 4)) {
      case 0:
        t.insert(at, pick(r, ['追記', 'x', '🍙', '長'.repeat(300)]));
        return 'text.insert';
      case 1:
        t.delete(Math.min(at, Math.max(0, len - 1)), Math.min(len, 1 + int(r, 5)));
        return 'text.delete';
      case 2:
        t.format(0, Math.max(1, len), { bold: true });
        return 'text.format';
      default:
        t.insertEmbed(at, { image: 'x' });
        return 'text.insertEmbed';
    }
  },
  (d, s, r) => {
    const t = anyType(d, s, r);
    Y.Array.prototype.insert.call(t as unknown as Y.Array<unknown>, 0, [pick(r, ['列', 'x'.repeat(2000), 7])]);
    return `array.insert on ${t.constructor.name}`;
  },
  (d, s, r) => {
    const sec = pick(r, s.sections);
    const mine = r() < 0.7;
    addNote(d, { text: `fuzz ${int(r, 1000)}`, x: int(r, 2000), y: int(r, 1500), sectionId: sec.id, authorId: mine ? s.me : 'someone-else', author: pick(r, ['', '名前']) });
    return `add note (${mine ? 'own' : 'other'} author)`;
  },
  (d, s, r) => {
    const id = anyNote(s, r);
    if (!id) return 'delete note (none)';
    notesOf(d).delete(id);
    return `delete note (${s.ownNotes.includes(id) ? 'own' : 'other'})`;
  },
  (d, s, r) => {
    const n = noteMap(d, anyNote(s, r));
    if (!n) return 'move (no note)';
    if (r() < 0.5) {
      n.set('x', int(r, 2000));
      n.set('y', int(r, 1500));
      return 'move x/y';
    }
    n.set('sectionId', pick(r, s.sections).id);
    return 'move sectionId';
  },
  (d, s, r) => {
    const voter = r() < 0.8 ? s.me : s.otherVoter;
    const all = [...s.ownNotes, ...s.otherNotes, 'n_future'];
    if (r() < 0.3) {
      const m = new Y.Map<unknown>();
      votesOf(d).set(voter, m as Y.Map<number>);
      for (let i = 0; i < 1 + int(r, 3); i++) m.set(pick(r, all), 1 + int(r, 3));
      return `votes: new ballot (${voter === s.me ? 'own' : 'other'})`;
    }
    let m = votesOf(d).get(voter);
    if (!(m instanceof Y.Map)) {
      m = new Y.Map<number>();
      votesOf(d).set(voter, m);
    }
    if (r() < 0.3 && m.size > 0) m.delete(pick(r, [...m.keys()]));
    else m.set(pick(r, all), pick(r, [1, 2, 5, 0, -1, 1.5]) as number);
    return `votes: set (${voter === s.me ? 'own' : 'other'})`;
  },
  (d, s, r) => {
    const key = pick(r, ['title', 'voting', 'votesPerPerson', 'scribes', 'locked', 'anonymous', 'follow', 'x']);
    const v = key === 'scribes' ? { A: s.me, B: s.me } : key === 'voting' ? r() < 0.5 : key === 'votesPerPerson' ? 20 : value(r);
    metaOf(d).set(key, v);
    return `meta.set ${key}`;
  },
  (d, s, r) => {
    const sec = sectionsOf(d).get(pick(r, s.sections).id);
    sec?.set(pick(r, ['title', 'group', 'w']), pick(r, ['乗っ取り', 'A', 'B', 4000]));
    return 'section.set';
  },
  (d, _s, r) => {
    if (r() < 0.5) d.getMap(`extra${int(r, 2)}`).set('k', value(r));
    else d.getArray(`list${int(r, 2)}`).push(['x'.repeat(int(r, 500))]);
    return 'new root type';
  },
];

/** Who the actors are on the board: one participant, the scribe of group A, one viewer. */
async function makeActor(kind: ActorKind, token: string): Promise<Actor> {
  const key = newClientKey();
  return { kind, key, userId: await userIdFromKey(key), token, sock: null, open: false };
}

async function ensureOpen(a: Actor, wsUrl: string, boardId: string): Promise<void> {
  if (a.sock && a.open) return;
  const sock = rawSocket(wsUrl, boardId, a.token, { query: `&key=${encodeURIComponent(a.key)}` });
  a.sock = sock;
  a.open = true;
  void sock.closed.then(() => (a.open = false));
  await Promise.race([sock.opened, sock.closed]);
}

/**
 * Sends one update and waits until the server has dealt with it: either it closes the socket (refused),
 * or it answers a sync step 1 sent right after (messages of one socket are handled in order).
 */
async function sendAndSettle(a: Actor, update: Uint8Array, stateVector: Uint8Array, meanwhile: () => void): Promise<'refused' | 'accepted'> {
  const sock = a.sock!;
  const from = sock.received.length;
  sock.ws.send(encodeSyncUpdate(update));
  meanwhile();
  sock.ws.send(encodeSyncStep1(stateVector));
  const answered = () => sock.received.slice(from).some((m) => m[0] === MSG_SYNC && m[1] === SYNC_STEP2);
  await eventually(() => !a.open || answered(), 10_000);
  if (!a.open) return 'refused';
  if (!answered()) throw new Error('the server neither answered nor closed the socket within 10 s');
  return 'accepted';
}

/**
 * Participants, a scribe and a viewer send random real Yjs operations through real sockets while an
 * honest participant writes and edits; after every update the table's rules hold, a refused update
 * leaves the encoded board exactly as long as before, and every honest edit is in the server's board.
 */
export async function runGuardFuzz(opts: GuardFuzzOptions): Promise<GuardFuzzReport> {
  const r = rng(opts.seed);
  const say = opts.progress ?? (() => {});
  // No rate limit in the way: the fuzzer sends as fast as the server answers.
  const srv = await startApp({ env: { UPDATES_PER_SEC: '100000', UPDATES_BURST: '100000', IDLE_UNLOAD_MS: '600000' } });
  const report: GuardFuzzReport = { seed: opts.seed, operations: 0, updatesSent: 0, refused: 0, accepted: 0, honestEdits: 0, invariantChecks: 0, violations: [], serverAnswering: false };
  const cleanup: (() => void)[] = [];
  try {
    const b: CreatedBoard = await createBoard(srv.url, { template: 'troubles', groups: 2, anonymous: opts.seed % 2 === 0 });
    const f = connectClient(srv.wsUrl, b.boardId, b.facilitatorToken);
    cleanup.push(f.destroy);
    await f.synced;
    const honest: HonestClient = await honestClient(srv.wsUrl, b.boardId, b.participantToken, 'honest');
    cleanup.push(honest.destroy);
    await honest.synced;
    const actors = [await makeActor('participant', b.participantToken), await makeActor('scribe', b.participantToken), await makeActor('viewer', b.viewerToken)];
    const scribe = actors[1]!;
    setScribe(f.doc, 'A', scribe.userId);
    setVoting(f.doc, { open: true, perPerson: 3 });
    const room = (await srv.app.rooms.peek(b.boardId))!;
    await eventually(() => metaOf(room.doc).get('voting') === true);
    const sections = readBoard(f.doc).sections.filter((s) => s.kind !== 'summary');
    const honestNotes: string[] = [];
    const settleHonest = () => eventually(() => missingNotes(honest.written, new Map(readBoard(room.doc).notes.map((n) => [n.id, n.text]))).length === 0, 10_000);

    for (let step = 0; report.operations < opts.operations; step++) {
      // Honest activity between hostile updates: new notes, and typing in existing ones.
      if (r() < 0.35) {
        if (honestNotes.length < 4 || r() < 0.3) {
          const sec = pick(r, sections);
          honestNotes.push(honest.write(`正直な付箋 ${step}`, sec.x + 10 + int(r, 100), sec.y + 10 + int(r, 100)));
        } else {
          const id = pick(r, honestNotes);
          const t = honest.texts().get(id);
          if (t !== undefined && t.length < 400) honest.edit(id, `${t}・${step}`);
        }
        report.honestEdits++;
        if (!(await settleHonest())) report.violations.push(`step ${step}: an honest edit did not reach the server`);
      }
      const actor = pick(r, actors);
      await ensureOpen(actor, srv.wsUrl, b.boardId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
      const scene = sceneOf(doc, actor.userId, honest.userId);
      const before = plainOf(room.doc);
      const bytesBefore = Y.encodeStateAsUpdate(room.doc).byteLength;
      const sv = Y.encodeStateVector(doc);
      const names: string[] = [];
      doc.transact(() => {
        for (let i = 0, n = 1 + int(r, 3); i < n; i++) names.push(pick(r, OPS)(doc, scene, r));
      });
      report.operations += names.length;
      const update = Y.encodeStateAsUpdate(doc, sv);
      doc.destroy();
      report.updatesSent++;
      // Now and then the honest participant types into one of its notes while the update is on its way.
      const typedMeanwhile = r() < 0.25 && honestNotes.length > 0 ? pick(r, honestNotes) : null;
      // A viewer syncs with the viewer projection, not the board: the board's state vector would be another history (4409).
      const asks = actor.kind === 'viewer' ? Y.encodeStateVector(new Y.Doc()) : Y.encodeStateVector(room.doc);
      const outcome = await sendAndSettle(actor, update, asks, () => {
        const t = typedMeanwhile === null ? undefined : honest.texts().get(typedMeanwhile);
        if (t === undefined || t.length >= 400) return;
        honest.edit(typedMeanwhile!, `${t}・${step}`);
        report.honestEdits++;
      });
      if (outcome === 'refused') report.refused++;
      else report.accepted++;
      if (typedMeanwhile !== null) {
        if (!(await settleHonest())) report.violations.push(`step ${step}: honest typing during a hostile update did not reach the server`);
        // The honest change is not the actor's: compare as if it had been there before.
        const text = honest.written.get(typedMeanwhile);
        if (before.notes[typedMeanwhile] && text !== undefined) before.notes[typedMeanwhile] = { ...before.notes[typedMeanwhile], text };
      }
      const after = plainOf(room.doc);
      report.invariantChecks++;
      const scribeOf = actor === scribe ? 'A' : null;
      for (const v of breaches(before, after, { kind: actor.kind, userId: actor.userId, scribeOf })) report.violations.push(`step ${step} (${actor.kind}: ${names.join(' + ')}, ${outcome}): ${v}`);
      report.invariantChecks++;
      if (outcome === 'refused' && typedMeanwhile === null && Y.encodeStateAsUpdate(room.doc).byteLength !== bytesBefore) {
        report.violations.push(`step ${step} (${actor.kind}: ${names.join(' + ')}): a refused update changed the encoded board (${bytesBefore} → ${Y.encodeStateAsUpdate(room.doc).byteLength} bytes)`);
      }
      report.invariantChecks++;
      const lost = missingNotes(honest.written, new Map(readBoard(room.doc).notes.map((n) => [n.id, n.text])));
      if (lost.length > 0) report.violations.push(`step ${step} (${actor.kind}: ${names.join(' + ')}, ${outcome}): honest notes lost or changed: ${lost.join(', ')}`);
      if (step % 200 === 0) say(`${report.operations} operations, ${report.refused} refused, ${report.accepted} accepted, ${report.violations.length} violations`);
      if (report.violations.length > 50) break;
    }
    // The honest clients' own copies agree with the server's, and a newcomer gets the same board.
    report.invariantChecks++;
    await settleHonest();
    if (!(await eventually(() => same(plainOf(honest.doc).notes, plainOf(room.doc).notes), 10_000))) report.violations.push('the honest client and the server disagree at the end');
    const health = await fetch(`${srv.url}/healthz`).catch(() => null);
    report.serverAnswering = health?.status === 200;
    for (const a of actors) a.sock?.ws.close();
  } finally {
    cleanup.forEach((c) => c());
    await srv.close();
  }
  return report;
}
