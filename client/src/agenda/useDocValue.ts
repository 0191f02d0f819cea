import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from the doc, re-read at most once per frame after any change; the same object is
 * kept while its content is unchanged, so a note typed elsewhere does not re-render these panels.
 */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T, fallback: T): T {
  const [state, setState] = useState<{ value: T; json: string }>(() => ({ value: fallback, json: JSON.stringify(fallback) }));
  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const refresh = () => {
      frame = 0;
      const value = read(doc);
      const json = JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
      setState((prev) => (prev.json === json ? prev : { value, json }));
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
    // `read` is expected to be a module-level function; re-subscribing per render would be wasted work.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);
  return state.value;
}

/** The current time, ticking every `ms` while `active`. */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}
