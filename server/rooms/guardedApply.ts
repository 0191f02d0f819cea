import * as Y from 'yjs';

/** A change a client may not make: the sender's connection is closed with `code`, the change is rolled back. */
export class RefusedChange extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export type ApplyOutcome = { ok: true } | { ok: false; refused: RefusedChange } | { ok: false; error: Error };

/** What a check sees: the transaction with the client's change applied, not yet committed. */
export type TransactionCheck = (tr: Y.Transaction) => RefusedChange | null;

/**
 * Applies a client's update inside one transaction and runs `check` before that transaction ends.
 * A refused or failing update is undone inside the same transaction, so the doc's `update` event
 * (which the room persists and broadcasts) carries only the rolled-back result: the refused content
 * was garbage-collected and never reaches the store or another client.
 *
 * Why not decode-and-inspect first: what a Yjs update does (which note a character lands in) is only
 * known after integration. Why not apply to a copy first: copying a board per keystroke costs
 * O(board) each time, while a refusal only happens for broken or hostile clients.
 */
export function applyGuarded(doc: Y.Doc, update: Uint8Array, origin: unknown, check: TransactionCheck): ApplyOutcome {
  let outcome: ApplyOutcome = { ok: true };
  doc.transact((tr) => {
    try {
      Y.applyUpdate(doc, update, origin);
      sortDeletions(tr);
      const refused = check(tr);
      if (!refused) return;
      outcome = { ok: false, refused };
    } catch (err) {
      outcome = { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
    }
    rollBack(doc, tr);
  }, origin);
  return outcome;
}

/** Yjs sorts a transaction's deletions when it ends; checks that ask "was this deleted?" need it now. */
function sortDeletions(tr: Y.Transaction): void {
  tr.deleteSet.clients.forEach((items) => items.sort((a, b) => a.clock - b.clock));
}

/**
 * Undoes everything the transaction did so far: deletes what it inserted and re-creates what it deleted
 * (a Yjs deletion is permanent, so the removed content comes back as a copy, as Y.UndoManager does it).
 */
export function rollBack(doc: Y.Doc, tr: Y.Transaction): void {
  const insertions = Y.createDeleteSet();
  for (const client of doc.store.clients.keys()) {
    const start = tr.beforeState.get(client) ?? 0;
    const end = Y.getState(doc.store, client);
    if (end > start) insertions.clients.set(client, [{ clock: start, len: end - start }]);
  }
  const deletions = Y.createDeleteSet();
  tr.deleteSet.clients.forEach((items, client) => deletions.clients.set(client, items.map((d) => ({ clock: d.clock, len: d.len }))));
  const undo = new Y.UndoManager(doc, { captureTimeout: 0, trackedOrigins: new Set() });
  try {
    // Joins the running transaction: the undo is part of the same update, not a second one.
    undo.undoStack.push({ insertions, deletions, meta: new Map() } as unknown as (typeof undo.undoStack)[number]);
    undo.undo();
    // Re-created content carries the room's own client id; without this Yjs would take that for a clash and pick a new id.
    tr.local = true;
  } finally {
    undo.destroy();
  }
}

/** Updates Yjs holds back until what they build on arrives: one sender's, kept apart from everyone else's. */
export interface HeldBack {
  structs: Y.Doc['store']['pendingStructs'];
  ds: Uint8Array | null;
}

export const noneHeldBack = (): HeldBack => ({ structs: null, ds: null });

/**
 * Runs `fn` with the doc's held-back updates swapped for one sender's. Yjs keeps one pile per doc
 * and retries it inside whatever transaction comes next, so without this a hostile update held back
 * earlier would land inside an honest client's transaction, and be charged to (and refused with) it.
 */
export function withHeldBack<T>(doc: Y.Doc, held: HeldBack, fn: () => T): T {
  const store = doc.store;
  const shared: HeldBack = { structs: store.pendingStructs, ds: store.pendingDs };
  store.pendingStructs = held.structs;
  store.pendingDs = held.ds;
  try {
    return fn();
  } finally {
    held.structs = store.pendingStructs;
    held.ds = store.pendingDs;
    store.pendingStructs = shared.structs;
    store.pendingDs = shared.ds;
  }
}
