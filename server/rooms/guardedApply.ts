import * as Y from 'yjs';

/** A change a client may not make: the sender's connection is closed with `code`, the change never lands. */
export class RefusedChange extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export type ApplyOutcome = { ok: true } | { ok: false; refused: RefusedChange } | { ok: false; error: Error };

/** What a check sees: the transaction with the client's change applied to a scratch copy of the board, not yet committed. */
export type TransactionCheck = (tr: Y.Transaction) => RefusedChange | null;

/**
 * A copy of a doc that follows every change of it, where a client's update is tried before the doc
 * sees it. What a Yjs update does (which note a character lands in) is only known after integration,
 * and integration cannot be taken back: a deletion is permanent and an inserted item stays as a
 * tombstone. Undoing a refused change in the doc itself would re-create what it deleted, which every
 * other client then downloads again, and typing into those notes meanwhile would land in the deleted
 * copies. So a refused update only ever touches the copy, which is thrown away and rebuilt from the doc.
 */
export class Scratch {
  private copy: Y.Doc | null = null;
  private following: Y.Doc | null = null;
  private forwarding = false;

  private readonly follow = (update: Uint8Array): void => {
    if (!this.forwarding && this.copy) Y.applyUpdate(this.copy, update);
  };

  /** The copy of `doc`, built on first use (or after a refusal, or when the room's doc was replaced). */
  of(doc: Y.Doc): Y.Doc {
    if (this.following !== doc) this.drop();
    if (!this.copy) {
      this.copy = new Y.Doc();
      // The same shared types as the doc's: checks find a root by what the doc calls it.
      doc.share.forEach((type, name) => this.copy!.get(name, type.constructor as typeof Y.AbstractType));
      Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(doc));
      this.following = doc;
      doc.on('update', this.follow);
    }
    return this.copy;
  }

  /** Hands an accepted change to the doc; the copy has it already. */
  forward(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): void {
    if (updates.length === 0) return;
    this.forwarding = true;
    try {
      Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]), origin);
    } finally {
      this.forwarding = false;
    }
  }

  drop(): void {
    this.following?.off('update', this.follow);
    this.copy?.destroy();
    this.copy = null;
    this.following = null;
  }
}

/**
 * Applies a client's update to the scratch copy inside one transaction, runs `check` before that
 * transaction ends, and only when it passes applies what integrated to `doc` (whose `update` event the
 * room persists and broadcasts). A refused or failing update leaves `doc` exactly as it was: nothing
 * is stored, sent or re-created, and the copy is discarded. Updates held back for missing
 * dependencies stay in `doc`'s pile (see withHeldBack), lent to the copy for the attempt.
 */
export function applyGuarded(doc: Y.Doc, update: Uint8Array, origin: unknown, check: TransactionCheck, scratch = new Scratch()): ApplyOutcome {
  const copy = scratch.of(doc);
  const before: HeldBack = { structs: doc.store.pendingStructs, ds: doc.store.pendingDs };
  lend(doc.store, copy.store, before);
  const emitted: Uint8Array[] = [];
  const collect = (u: Uint8Array) => emitted.push(u);
  copy.on('update', collect);
  let outcome: ApplyOutcome = { ok: true };
  try {
    copy.transact((tr) => (outcome = tryUpdate(copy, tr, update, origin, check)), origin);
  } catch (err) {
    outcome = failed(err);
  } finally {
    copy.off('update', collect);
  }
  if (!outcome.ok) {
    scratch.drop();
    lend(copy.store, doc.store, before);
    return outcome;
  }
  lend(copy.store, doc.store, { structs: copy.store.pendingStructs, ds: copy.store.pendingDs });
  scratch.forward(doc, emitted, origin);
  return outcome;
}

function tryUpdate(copy: Y.Doc, tr: Y.Transaction, update: Uint8Array, origin: unknown, check: TransactionCheck): ApplyOutcome {
  try {
    Y.applyUpdate(copy, update, origin);
    sortDeletions(tr);
    const refused = check(tr);
    return refused ? { ok: false, refused } : { ok: true };
  } catch (err) {
    return failed(err);
  }
}

const failed = (err: unknown): ApplyOutcome => ({ ok: false, error: err instanceof Error ? err : new Error(String(err)) });

/** Moves a held-back pile: `to` gets `pile`, `from` none (a pile is encoded bytes, valid in any copy of the doc). */
function lend(from: Y.Doc['store'], to: Y.Doc['store'], pile: HeldBack): void {
  from.pendingStructs = null;
  from.pendingDs = null;
  to.pendingStructs = pile.structs;
  to.pendingDs = pile.ds;
}

/** Yjs sorts a transaction's deletions when it ends; checks that ask "was this deleted?" need it now. */
function sortDeletions(tr: Y.Transaction): void {
  tr.deleteSet.clients.forEach((items) => items.sort((a, b) => a.clock - b.clock));
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
