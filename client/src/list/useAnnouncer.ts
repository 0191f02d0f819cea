import { useCallback, useEffect, useRef, useState } from 'react';
import type { Note } from '../../../shared/board';
import { arrivedFromOthers } from './listModel';

/**
 * Text for a polite live region. Repeating the same sentence still gets announced, because a
 * zero-width space is toggled on the end (screen readers skip a region whose text did not change).
 */
export function useAnnouncer(): { message: string; announce(text: string): void } {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => setMessage((prev) => (prev === text ? `${text}\u200b` : text)), []);
  return { message, announce };
}

/** Time to gather notes that arrive together (a group sending at once) into one announcement. */
const BATCH_MS = 1500;

/** Tells a screen-reader user when other people add notes, at most once per batch, never for their own. */
export function useArrivalAnnouncements(notes: readonly Note[], userId: string | null, say: (arrived: Note[]) => void): void {
  const seen = useRef<Set<string> | null>(null);
  const pending = useRef<Note[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sayRef = useRef(say);
  useEffect(() => {
    sayRef.current = say;
  });
  useEffect(() => {
    // The notes already on the board when the list opens are not news.
    if (seen.current === null) {
      seen.current = new Set(notes.map((n) => n.id));
      return;
    }
    const arrived = arrivedFromOthers(seen.current, notes, userId);
    for (const n of notes) seen.current.add(n.id);
    if (arrived.length === 0) return;
    pending.current.push(...arrived);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const batch = pending.current;
      pending.current = [];
      sayRef.current(batch);
    }, BATCH_MS);
  }, [notes, userId]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
