import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addNote, notesOf, setNoteText } from '../../shared/board/doc';

/**
 * Generators of hostile y-websocket messages for the fuzzers: random bytes, broken framing,
 * lying length prefixes, unknown types, broken and mutated Yjs updates, floods of awareness ids,
 * oversized and over-limit content. Seeded, so a failing run can be replayed with its seed.
 */

export type Rng = () => number;

/** mulberry32: small, fast, good enough to pick mutations; not for anything secret. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, max: number): number => Math.floor(r() * max);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;
const bytes = (r: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(r, 256));

function msg(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const syncFrame = (sub: number, payload: Uint8Array) =>
  msg((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });

const awarenessFrame = (payload: Uint8Array) =>
  msg((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, payload);
  });

function awarenessUpdate(entries: { id: number; clock: number; json: string }[]): Uint8Array {
  return msg((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const x of entries) {
      encoding.writeVarUint(e, x.id);
      encoding.writeVarUint(e, x.clock);
      encoding.writeVarString(e, x.json);
    }
  });
}

/** Real updates from a doc the hostile side owns: the raw material for mutation. */
export interface Seeds {
  /** In order; any but the first depends on earlier ones (sent alone it waits as "pending"). */
  updates: Uint8Array[];
  /** A fresh update that makes a note of 600 characters (over the 500 limit). */
  longNote: () => Uint8Array;
}

export function makeSeeds(r: Rng): Seeds {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push(addNote(doc, { text: `悪意のある付箋 ${i} <b>${i}</b>`, x: int(r, 2000), y: int(r, 1000), authorId: 'hostile' }));
  for (const id of ids.slice(0, 6)) setNoteText(doc, id, `書き換え ${id} ${'あ'.repeat(int(r, 40))}`);
  notesOf(doc).delete(ids[7]!);
  doc.getMap('meta').set('title', 'hijacked');
  doc.getArray('junk').insert(0, [{ deep: [[[[1]]]] }, new Uint8Array([1, 2, 3]), 'x']);
  doc.destroy();
  return { updates, longNote };
}

/** From a doc of its own each time, so the update stands alone and is applied (not held back, not a replay). */
function longNote(): Uint8Array {
  const doc = new Y.Doc();
  const id = addNote(doc, { text: 'x', x: 0, y: 0, authorId: 'hostile' });
  (notesOf(doc).get(id) as Y.Map<unknown>).set('text', new Y.Text('長'.repeat(600)));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Breaks a valid message the ways bytes break: flipped bits, cut, grown, spliced, lying numbers. */
export function mutate(r: Rng, input: Uint8Array): Uint8Array {
  let out = Uint8Array.from(input);
  const rounds = 1 + int(r, 4);
  for (let i = 0; i < rounds; i++) {
    const at = int(r, Math.max(1, out.length));
    switch (int(r, 7)) {
      case 0:
        out[at] = out[at]! ^ (1 << int(r, 8));
        break;
      case 1:
        out[at] = int(r, 256);
        break;
      case 2:
        out = out.slice(0, at);
        break;
      case 3:
        out = Uint8Array.from([...out.slice(0, at), ...bytes(r, 1 + int(r, 16)), ...out.slice(at)]);
        break;
      case 4:
        out = Uint8Array.from([...out.slice(0, at), ...out.slice(at + 1 + int(r, 8))]);
        break;
      case 5: // a varint claiming a huge number
        out = Uint8Array.from([...out.slice(0, at), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, ...out.slice(at + 1)]);
        break;
      default: // a range repeated
        out = Uint8Array.from([...out.slice(0, at), ...out.slice(at, at + 32), ...out.slice(at)]);
    }
  }
  return out;
}

export type HostileKind =
  | 'random-bytes'
  | 'truncated-varint'
  | 'huge-length'
  | 'wrong-type'
  | 'zero-length-update'
  | 'bad-update'
  | 'mutated-update'
  | 'mutated-message'
  | 'bad-state-vector'
  | 'pending-update'
  | 'long-note'
  | 'text-frame'
  | 'oversized'
  | 'awareness-flood'
  | 'awareness-huge'
  | 'awareness-bad-json'
  | 'awareness-spoof'
  | 'raw-frame';

export interface HostileMessage {
  kind: HostileKind;
  data: Uint8Array | string;
  /** Written straight onto the TCP socket, not as a websocket frame. */
  raw?: boolean;
}

export interface HostileContext {
  seeds: Seeds;
  /** Awareness ids of honest clients, for spoofing attempts. */
  honestAwarenessIds: () => number[];
  /** Bytes of one message the server accepts; `oversized` goes over it. */
  maxMessageBytes: number;
}

/** Mutated real updates get three shares: they reach deepest into Yjs. */
const KINDS: readonly HostileKind[] = [
  'random-bytes',
  'truncated-varint',
  'huge-length',
  'wrong-type',
  'zero-length-update',
  'bad-update',
  'mutated-update',
  'mutated-update',
  'mutated-update',
  'mutated-message',
  'bad-state-vector',
  'pending-update',
  'long-note',
  'text-frame',
  'awareness-flood',
  'awareness-huge',
  'awareness-bad-json',
  'awareness-spoof',
  'raw-frame',
  'oversized',
];

/** Varints whose last byte says "more follows", and one longer than any number. */
const TRUNCATED: readonly number[][] = [[0x80], [0x80, 0x80, 0x80], [0, 0x80], [0, 2, 0xff, 0xff], [1, 0xff], [0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]];

export function hostileMessage(r: Rng, ctx: HostileContext, kind: HostileKind = pick(r, KINDS)): HostileMessage {
  const seed = () => pick(r, ctx.seeds.updates);
  switch (kind) {
    case 'random-bytes':
      return { kind, data: bytes(r, int(r, 2048)) };
    case 'truncated-varint':
      return { kind, data: Uint8Array.from(pick(r, TRUNCATED)) };
    case 'huge-length': {
      const huge = pick(r, [2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, 1 << 30]);
      const type = pick(r, [[0, 2], [0, 1], [0, 0], [1]]);
      return { kind, data: msg((e) => (type.forEach((t) => encoding.writeVarUint(e, t)), encoding.writeVarUint(e, huge), encoding.writeUint8Array(e, bytes(r, int(r, 64))))) };
    }
    case 'wrong-type':
      return r() < 0.5
        ? { kind, data: msg((e) => (encoding.writeVarUint(e, pick(r, [2, 4, 5, 99, 127, 128, 2 ** 20])), encoding.writeUint8Array(e, bytes(r, int(r, 32))))) }
        : { kind, data: msg((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 3 + int(r, 250)), encoding.writeVarUint8Array(e, seed()))) };
    case 'zero-length-update':
      return { kind, data: pick(r, [syncFrame(2, new Uint8Array(0)), syncFrame(1, new Uint8Array(0)), syncFrame(0, new Uint8Array(0)), Uint8Array.from([0, 2])]) };
    case 'bad-update':
      return { kind, data: syncFrame(pick(r, [1, 2]), bytes(r, 1 + int(r, 512))) };
    case 'mutated-update':
      return { kind, data: syncFrame(pick(r, [1, 2]), mutate(r, seed())) };
    case 'mutated-message':
      return { kind, data: mutate(r, syncFrame(2, seed())) };
    case 'bad-state-vector':
      return { kind, data: syncFrame(0, r() < 0.5 ? bytes(r, int(r, 64)) : mutate(r, Y.encodeStateVectorFromUpdate(seed()))) };
    case 'pending-update':
      return { kind, data: syncFrame(2, ctx.seeds.updates[1 + int(r, ctx.seeds.updates.length - 1)]!) };
    case 'long-note':
      return { kind, data: syncFrame(2, ctx.seeds.longNote()) };
    case 'text-frame':
      return { kind, data: pick(r, ['hello', '{"type":"sync"}', '\u0000\u0002', 'あ'.repeat(int(r, 500))]) };
    case 'oversized':
      return { kind, data: syncFrame(2, new Uint8Array(ctx.maxMessageBytes + 1024).fill(int(r, 256))) };
    case 'awareness-flood': {
      const n = 5 + int(r, 3000);
      return { kind, data: awarenessFrame(awarenessUpdate(Array.from({ length: n }, (_, i) => ({ id: 1 + i + int(r, 1e9), clock: 1, json: `{"user":{"name":"bot${i}"}}` })))) };
    }
    case 'awareness-huge':
      return { kind, data: awarenessFrame(awarenessUpdate([{ id: 1 + int(r, 1e9), clock: 1, json: JSON.stringify({ user: { name: 'x'.repeat(20_000 + int(r, 80_000)) } }) }])) };
    case 'awareness-bad-json':
      return { kind, data: awarenessFrame(awarenessUpdate([{ id: 1 + int(r, 1e9), clock: 1, json: pick(r, ['{"user":', '[1,2', 'undefined', '"str"', '42', '{"a":' + '['.repeat(5000)]) }])) };
    case 'awareness-spoof': {
      const ids = ctx.honestAwarenessIds();
      const id = ids.length > 0 ? pick(r, ids) : 1;
      // Either remove an honest person's presence or move their cursor.
      const json = r() < 0.5 ? 'null' : JSON.stringify({ user: { id: 'x', name: 'なりすまし', color: '#000000', role: 'participant' }, cursor: { x: 0, y: 0 } });
      return { kind, data: awarenessFrame(awarenessUpdate([{ id, clock: 1e9 + int(r, 1e6), json }])) };
    }
    case 'raw-frame':
      return { kind, data: bytes(r, 2 + int(r, 64)), raw: true };
  }
}

/** The close codes a hostile socket may get: the protocol's (1002, 1007, 1008, 1009) and the app's (4xxx). */
/** Kinds after which the server may drop the TCP connection without a close frame (the client sees 1006). */
export const MAY_DROP: ReadonlySet<HostileKind> = new Set(['raw-frame', 'oversized']);

export const EXPECTED_CLOSE = (code: number): boolean => [1002, 1003, 1007, 1008, 1009].includes(code) || (code >= 4000 && code < 5000);
