import * as Y from 'yjs';
import { notesOf } from '../../shared/board/doc';
import { CLOSE } from './connection';
import { RefusedChange } from './guardedApply';

export interface BoardLimits {
  noteTextMax: number;
  notesPerBoard: number;
  /** Encoded size of the whole board document. */
  maxBoardBytes: number;
  /** Bytes of updates the room may hold back while they wait for changes they build on. */
  maxPendingBytes: number;
}


// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;

/**
 * The limits every change from a client must keep, whatever other guards a deployment adds:
 * no note text over `noteTextMax` characters, no new note beyond `notesPerBoard`, and no pile of
 * updates held back for changes that never come. Runs inside the client's transaction (see applyGuarded).
 */
export function checkBoardLimits(tr: Y.Transaction, limits: BoardLimits): RefusedChange | null {
  const doc = tr.doc;
  const notes = notesOf(doc) as unknown as SharedType & Y.Map<unknown>;
  for (const id of touchedNotes(tr, notes)) {
    const len = textLength(notes.get(id));
    if (len > limits.noteTextMax) return new RefusedChange(CLOSE.policy, `a note holds at most ${limits.noteTextMax} characters`);
  }
  if (limits.notesPerBoard > 0 && addsNotes(tr, notes) && notes.size > limits.notesPerBoard) {
    return new RefusedChange(CLOSE.policy, `a board holds at most ${limits.notesPerBoard} notes`);
  }
  const pending = (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0);
  if (pending > limits.maxPendingBytes) {
    // Held-back updates are not part of the board yet: dropping them loses nothing stored or seen.
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    return new RefusedChange(CLOSE.policy, 'updates that build on changes the server never received');
  }
  return null;
}

/** Ids of the notes this transaction created, replaced or changed anything inside. */
function touchedNotes(tr: Y.Transaction, notes: SharedType): Set<string> {
  const ids = new Set<string>();
  tr.changed.forEach((keys, type) => {
    if (type._map === notes._map) {
      for (const k of keys) if (k !== null) ids.add(k);
      return;
    }
    let t: SharedType | null = type;
    while (t?._item && (t._item.parent as SharedType | null)?._map !== notes._map) t = t._item.parent instanceof Y.AbstractType ? t._item.parent : null;
    const id = t?._item?.parentSub;
    if (id) ids.add(id);
  });
  return ids;
}

function textLength(note: unknown): number {
  if (!(note instanceof Y.Map)) return 0;
  const text: unknown = note.get('text');
  if (text instanceof Y.Text || typeof text === 'string') return text.length;
  return 0;
}

/** Whether the transaction put a note under a key that had none before (a replaced note does not count). */
function addsNotes(tr: Y.Transaction, notes: SharedType & Y.Map<unknown>): boolean {
  // A root typed while the change was applied is a new object over the same entries.
  const changed = [...tr.changed].find(([type]) => type._map === notes._map);
  if (!changed) return false;
  for (const change of new Y.YMapEvent(changed[0] as unknown as Y.Map<unknown>, tr, changed[1]).keys.values()) if (change.action === 'add') return true;
  return false;
}

/**
 * Keeps an estimate of the board document's encoded size without encoding it per update: the size
 * at load plus every update since. The estimate only grows (deleted text shrinks the real size), so
 * near the limit it is replaced by the real size, at most every few seconds.
 */
export class BoardSizeMeter {
  private bytes: number;
  private lastExact = 0;

  /** `encodedSize` measures the board exactly (the room's doc, or its encoded state while it hibernates). */
  constructor(
    private readonly encodedSize: () => number,
    private readonly recheckMs = 5000,
  ) {
    this.bytes = encodedSize();
    this.lastExact = Date.now();
  }

  add(updateBytes: number): void {
    this.bytes += updateBytes;
  }

  get estimate(): number {
    return this.bytes;
  }

  /** Refuses an update of `incoming` bytes that would take the board over `max`. */
  check(incoming: number, max: number): RefusedChange | null {
    if (max <= 0 || this.bytes + incoming <= max) return null;
    if (Date.now() - this.lastExact >= this.recheckMs) {
      this.bytes = this.encodedSize();
      this.lastExact = Date.now();
      if (this.bytes + incoming <= max) return null;
    }
    return new RefusedChange(CLOSE.policy, `the board is full (${Math.round(max / 1024 / 1024)} MiB)`);
  }
}
