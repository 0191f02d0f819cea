import * as Y from 'yjs';
import { readMeta } from '../../shared/board/doc';
import { readAgenda, type Phase } from '../../shared/board/agenda';
import type { Meta } from '../../shared/board/schema';

/**
 * A board nobody has changed for a while, kept as what it would send a new client: its encoded state
 * and the few facts the server reads between changes. A Y.Doc of a 50-note board takes about 340 KB of
 * heap; its encoded state about 18 KB. A training day's boards sit idle through every talk and break,
 * and most boards of a server are idle at any moment: they keep their sockets and presence, and
 * rebuild their doc (a few milliseconds for a workshop's board) on the next change.
 */
export interface Hibernated {
  /** The whole board as one Yjs update (V1, what y-websocket clients speak). */
  state: Uint8Array;
  stateVector: Uint8Array;
  /** State vector and deletions: what tells a no-op update from a change without a doc. */
  snapshot: Y.Snapshot;
  meta: Meta;
  agenda: Phase[];
}

export function hibernate(doc: Y.Doc): Hibernated {
  return {
    state: Y.encodeStateAsUpdate(doc),
    stateVector: Y.encodeStateVector(doc),
    snapshot: Y.snapshot(doc),
    meta: readMeta(doc),
    agenda: readAgenda(doc),
  };
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
