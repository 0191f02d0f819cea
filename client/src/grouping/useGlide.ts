import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import Konva from 'konva';
import { GLIDE_SECONDS, useGroupingCanvas } from './context';

export { GLIDE_SECONDS };
/** Smaller jumps are nudges, not a re-layout; they snap. */
export const GLIDE_MIN_PX = 24;
/** A note just dropped snaps: its doc position catches up with the drag a frame or two after the drop. */
const AFTER_DROP_MS = 500;

/**
 * Makes a note glide from where it was drawn to its new position when an auto-group (local or remote),
 * its undo or a restore moves it. Ordinary drops snap: the note is already where it was dropped.
 * React-konva has already set the new x/y when this runs, so the node is put back and tweened.
 */
export function useGlide(node: RefObject<Konva.Node | null>, x: number, y: number, lifted: boolean): void {
  const api = useGroupingCanvas();
  const drawn = useRef({ x, y });
  const tween = useRef<Konva.Tween | null>(null);
  const liftedAt = useRef(-Infinity);

  useLayoutEffect(() => {
    const from = drawn.current;
    const n = node.current;
    if (tween.current) {
      tween.current.destroy();
      tween.current = null;
      // React-konva sets only the props that changed; a glide cut short must not leave the other axis halfway.
      n?.position({ x, y });
    }
    drawn.current = { x, y };
    if (lifted) liftedAt.current = performance.now();
    const justDropped = performance.now() - liftedAt.current < AFTER_DROP_MS;
    if (!n || lifted || justDropped || Math.hypot(x - from.x, y - from.y) < GLIDE_MIN_PX || !api.gliding()) return;
    n.position(from);
    drawn.current = { ...from };
    const t = new Konva.Tween({
      node: n,
      x,
      y,
      duration: GLIDE_SECONDS,
      easing: Konva.Easings.EaseInOut,
      onUpdate: () => (drawn.current = { x: n.x(), y: n.y() }),
      onFinish: () => {
        drawn.current = { x, y };
        if (tween.current === t) tween.current = null;
        t.destroy();
      },
    });
    tween.current = t;
    t.play();
  }, [node, x, y, lifted, api]);

  useEffect(() => () => tween.current?.destroy(), []);
}
