import * as Y from 'yjs';

/**
 * The whole encoded state of a live board, kept between its changes. A newcomer that has nothing yet
 * (its state vector is empty: a new phone in the hall) is sent this copy, so a join storm encodes the
 * board once per change rather than once per person; a board that is not changing, as at the start of
 * a session, encodes it once. Dropped on the doc's next change, so nobody is ever sent a stale state.
 */
const kept = new WeakMap<Y.Doc, Uint8Array>();
const watched = new WeakSet<Y.Doc>();

/** A state vector of zero clients: one varint, 0. */
export const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 1 && sv[0] === 0;

/** The doc as one update (V1); the same bytes until the doc changes. Callers must not modify them. */
export function encodedState(doc: Y.Doc): Uint8Array {
  let state = kept.get(doc);
  if (state) return state;
  if (!watched.has(doc)) {
    watched.add(doc);
    doc.on('update', () => kept.delete(doc));
  }
  state = Y.encodeStateAsUpdate(doc);
  kept.set(doc, state);
  return state;
}

/** What a client with `stateVector` lacks; throws on a malformed state vector. */
export function diffForClient(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return isEmptyStateVector(stateVector) ? encodedState(doc) : Y.encodeStateAsUpdate(doc, stateVector);
}
