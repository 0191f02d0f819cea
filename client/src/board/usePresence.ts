import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPresence, type Presence } from '../../../shared/board';

export interface RemotePresence {
  clientId: number;
  presence: Presence;
}

export interface PresenceApi {
  others: RemotePresence[];
  setCursor(p: { x: number; y: number } | null): void;
  setDragging(d: Record<string, { x: number; y: number }> | null): void;
}

/** ~20 Hz: smooth enough for a cursor, light enough for 40 people on a town-hall uplink. */
const CURSOR_INTERVAL_MS = 50;
const DRAG_INTERVAL_MS = 33;

/** Trailing-edge throttle of one awareness field: the last value always gets sent, the ones between are dropped. */
function useThrottledField<T>(awareness: Awareness | null, field: string, interval: number): (value: T) => void {
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [awareness],
  );
  return useCallback(
    (value: T) => {
      if (!awareness) return;
      pending.current = { value };
      if (timer.current) return;
      const flush = () => {
        if (pending.current) {
          awareness.setLocalStateField(field, pending.current.value);
          pending.current = null;
          timer.current = setTimeout(flush, interval);
        } else {
          timer.current = null;
        }
      };
      flush();
    },
    [awareness, field, interval],
  );
}

/**
 * This client's awareness state (who, cursor, live drag) and everybody else's, validated;
 * a peer sending something malformed is simply not shown.
 */
export function usePresence(awareness: Awareness | null, user: Presence['user'] | null): PresenceApi {
  const [others, setOthers] = useState<RemotePresence[]>([]);
  const userKey = user ? JSON.stringify(user) : '';

  useEffect(() => {
    if (!awareness) return;
    if (user) awareness.setLocalStateField('user', user);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- userKey stands for user's content
  }, [awareness, userKey]);

  useEffect(() => {
    if (!awareness) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const list: RemotePresence[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const presence = readPresence(state);
        if (presence) list.push({ clientId, presence });
      });
      setOthers(list);
    };
    const onChange = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    awareness.on('change', onChange);
    return () => {
      awareness.off('change', onChange);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [awareness]);

  const setCursor = useThrottledField(awareness, 'cursor', CURSOR_INTERVAL_MS);
  const setDragging = useThrottledField(awareness, 'dragging', DRAG_INTERVAL_MS);

  return useMemo(() => ({ others, setCursor, setDragging }), [others, setCursor, setDragging]);
}
