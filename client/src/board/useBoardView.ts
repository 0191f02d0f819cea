import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readBoard, type BoardView, type Note } from '../../../shared/board';

const EMPTY: BoardView = { meta: { title: '', template: 'blank', locked: false, anonymous: false, schemaVersion: 1 }, notes: [], broken: [], sections: [] };

function sameNote(a: Note, b: Note): boolean {
  for (const k of Object.keys(b) as (keyof Note)[]) if (a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/**
 * Keeps unchanged notes as the same objects as in the previous view, so memoised note shapes
 * skip re-rendering when somebody else types in one note among hundreds.
 */
export function shareUnchanged(prev: BoardView, next: BoardView): BoardView {
  const byId = new Map(prev.notes.map((n) => [n.id, n]));
  const notes = next.notes.map((n) => {
    const old = byId.get(n.id);
    return old && sameNote(old, n) ? old : n;
  });
  const unchanged = notes.length === prev.notes.length && notes.every((n, i) => n === prev.notes[i]);
  return { ...next, notes: unchanged ? prev.notes : notes };
}

/** A validated snapshot of the board, re-read at most once per animation frame however many updates arrive. */
export function useBoardView(doc: Y.Doc | null): BoardView {
  const [view, setView] = useState<BoardView>(EMPTY);
  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const refresh = () => {
      frame = 0;
      setView((prev) => shareUnchanged(prev, readBoard(doc)));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(refresh);
    };
    refresh();
    doc.on('update', schedule);
    return () => {
      doc.off('update', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return view;
}
