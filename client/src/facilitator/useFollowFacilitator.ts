import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { readFollow, readPresence } from '../../../shared/board';
import type { Viewport } from '../canvas/viewport';
import type { ViewportStore } from '../board/viewportStore';
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
  viewport: ViewportStore;
  size: { width: number; height: number };
}): FollowState {
  const { doc, awareness, viewport, size } = p;
  const setViewport = viewport.set;
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
function usePublishViewport(awareness: Awareness | null, leading: boolean, viewport: ViewportStore, size: { width: number; height: number }) {
  useEffect(() => {
    if (!awareness || !leading || size.width === 0) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      timer = undefined;
      last = Date.now();
      const vp = viewport.get();
      awareness.setLocalStateField('viewport', { x: vp.x, y: vp.y, scale: vp.scale, w: size.width, h: size.height });
    };
    // At most one message per interval, and always the last view of a gesture.
    const changed = () => {
      if (timer) return;
      const wait = PUBLISH_INTERVAL_MS - (Date.now() - last);
      if (wait <= 0) send();
      else timer = setTimeout(send, wait);
    };
    send();
    const off = viewport.subscribe(changed);
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [awareness, leading, viewport, size]);
  useEffect(() => {
    if (!awareness || leading) return;
    if (awareness.getLocalState()?.viewport) awareness.setLocalStateField('viewport', null);
  }, [awareness, leading]);
}
