import { MAX_SCALE, MIN_SCALE, type Viewport } from '../canvas/viewport';

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** A leader's viewport as shared in awareness: board-to-screen transform plus their screen size. */
export interface SharedViewport {
  x: number;
  y: number;
  scale: number;
  w?: number;
  h?: number;
}

/**
 * The follower's viewport that shows what the leader sees: the same board area, centred and scaled
 * to fit the follower's screen (a phone-sized laptop window shows it smaller, a projector larger).
 * Without the leader's screen size, the leader's transform is used as it is.
 */
export function followView(leader: SharedViewport, size: { width: number; height: number }): Viewport {
  if (!leader.w || !leader.h || size.width <= 0 || size.height <= 0) return { x: leader.x, y: leader.y, scale: leader.scale };
  const cx = (leader.w / 2 - leader.x) / leader.scale;
  const cy = (leader.h / 2 - leader.y) / leader.scale;
  const scale = clampScale(leader.scale * Math.min(size.width / leader.w, size.height / leader.h));
  return { scale, x: size.width / 2 - cx * scale, y: size.height / 2 - cy * scale };
}
