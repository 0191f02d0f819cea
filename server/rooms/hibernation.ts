import * as Y from 'yjs';

/** Reads a fact of a board from its doc (its meta, its agenda). */
export type BoardReader<T> = (doc: Y.Doc) => T;

/**
 * A board nobody has changed for a while, kept as what it would send a new client: its encoded state
 * and the few facts the server reads between changes. A Y.Doc takes many times the heap of its encoded
 * state. A training day's boards sit idle through every talk and break,
 * and most boards of a server are idle at any moment: they keep their sockets and presence, and
 * rebuild their doc (a few milliseconds for a workshop's board) on the next change.
 */
export interface Hibernated {
  /** The whole board as one Yjs update (V1, what y-websocket clients speak). */
  state: Uint8Array;
  stateVector: Uint8Array;
  /** State vector and deletions: what tells a no-op update from a change without a doc. */
  snapshot: Y.Snapshot;
  /** What each reader read from the doc before it slept. */
  facts: Map<BoardReader<unknown>, unknown>;
}

export function hibernate(doc: Y.Doc, readers: Iterable<BoardReader<unknown>> = []): Hibernated {
  return {
    state: Y.encodeStateAsUpdate(doc),
    stateVector: Y.encodeStateVector(doc),
    snapshot: Y.snapshot(doc),
    facts: new Map([...readers].map((read) => [read, read(doc)])),
  };
}

/** A fact of the sleeping board; read from a temporary doc (then kept) the first time it is asked for. */
export function factOf<T>(h: Hibernated, read: BoardReader<T>): T {
  if (h.facts.has(read)) return h.facts.get(read) as T;
  const doc = wake(h);
  const fact = read(doc);
  doc.destroy();
  h.facts.set(read, fact);
  return fact;
}

/** The doc again, with the same content. */
export function wake(h: Hibernated): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, h.state);
  return doc;
}

/**
 * Whether an update from a client adds nothing to the hibernated board: what every client sends on
 * connecting (its side of the sync, which holds only what it got from the server) and so no reason to
 * rebuild the doc. Anything it cannot read is "not contained": the doc is rebuilt and decides.
 */
export function addsNothing(h: Pick<Hibernated, 'snapshot'>, update: Uint8Array): boolean {
  try {
    return Y.snapshotContainsUpdate(h.snapshot, update);
  } catch {
    return false;
  }
}

const EMPTY_STATE_VECTOR = 1; // one varint: zero clients

/** What a client with `stateVector` lacks, from the encoded state; throws on a malformed state vector. */
export function diffFromState(h: Hibernated, stateVector: Uint8Array): Uint8Array {
  if (stateVector.length === EMPTY_STATE_VECTOR && stateVector[0] === 0) return h.state;
  return Y.diffUpdate(h.state, stateVector);
}
