import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { readFollow, readPresence } from '../../../shared/board';
import type { Viewport } from '../canvas/viewport';
import { useDocValue } from '../agenda/useDocValue';
import { followView } from './followView';

/** ~12 Hz: a smooth enough follow for a projector, light enough for 40 phones on a hall's Wi-Fi. */
const PUBLISH_INTERVAL_MS = 80;

export interface FollowState {
  /** This client is the one everybody follows. */
  leading: boolean;
  /** "Bring everyone to me" is on and this client follows (unless it moved away). */
  following: boolean;
  /** The person panned or zoomed themselves while following; they stay where they went. */
  detached: boolean;
  /** For the person's own pans and zooms: moving oneself stops following. */
  userSetViewport: Dispatch<SetStateAction<Viewport>>;
  rejoin(): void;
}

/**
 * "Bring everyone to me": while `meta.follow` names the facilitator's awareness client, that client
 * publishes its viewport in awareness and every other canvas shows the same board area, until its
 * user pans or zooms (then it stays put until the facilitator asks again).
 */
export function useFollowFacilitator(p: {
  doc: Y.Doc | null;
  awareness: Awareness | null;
  viewport: Viewport;
  setViewport: Dispatch<SetStateAction<Viewport>>;
  size: { width: number; height: number };
}): FollowState {
  const { doc, awareness, viewport, setViewport, size } = p;
  const follow = useDocValue(doc, readFollow, null);
  const leading = !!follow && !!awareness && follow.clientId === awareness.clientID;
  const following = !!follow && !!awareness && !leading;
  const request = follow ? `${follow.clientId}:${follow.at ?? 0}` : '';
  const [detachedFrom, setDetachedFrom] = useState<string | null>(null);
  const detached = following && detachedFrom === request;

  usePublishViewport(awareness, leading, viewport, size);

  useEffect(() => {
    if (!awareness || !follow || !following || detached || size.width === 0) return;
    const apply = () => {
      const vp = readPresence(awareness.getStates().get(follow.clientId))?.viewport;
      if (vp) setViewport(followView(vp, size));
    };
    apply();
    awareness.on('change', apply);
    return () => awareness.off('change', apply);
  }, [awareness, follow, following, detached, size, setViewport]);

  const latest = useRef({ following, request });
  useEffect(() => {
    latest.current = { following, request };
  });
  const userSetViewport = useCallback<Dispatch<SetStateAction<Viewport>>>(
    (update) => {
      if (latest.current.following) setDetachedFrom(latest.current.request);
      setViewport(update);
    },
    [setViewport],
  );
  const rejoin = useCallback(() => setDetachedFrom(null), []);
  return { leading, following, detached, userSetViewport, rejoin };
}

/** The leader's viewport and screen size into awareness, throttled; cleared when it stops leading. */
function usePublishViewport(awareness: Awareness | null, leading: boolean, viewport: Viewport, size: { width: number; height: number }) {
  const last = useRef(0);
  useEffect(() => {
    if (!awareness || !leading || size.width === 0) return;
    const send = () => {
      last.current = Date.now();
      awareness.setLocalStateField('viewport', { x: viewport.x, y: viewport.y, scale: viewport.scale, w: size.width, h: size.height });
    };
    const wait = PUBLISH_INTERVAL_MS - (Date.now() - last.current);
    if (wait <= 0) return void send();
    const timer = setTimeout(send, wait);
    return () => clearTimeout(timer);
  }, [awareness, leading, viewport, size]);
  useEffect(() => {
    if (!awareness || leading) return;
    if (awareness.getLocalState()?.viewport) awareness.setLocalStateField('viewport', null);
  }, [awareness, leading]);
}
