import { useEffect, useRef, useState, type RefObject } from 'react';
import type Konva from 'konva';
import type { Note } from '../../../shared/board';
import { intersects, panBy, rectFromPoints, toBoard, wheelZoomFactor, zoomAt, type Point, type Rect, type Viewport } from './viewport';

export interface GestureCallbacks {
  viewport: Viewport;
  setViewport(update: (vp: Viewport) => Viewport): void;
  notes: readonly Note[];
  selection: ReadonlySet<string>;
  onSelect(ids: ReadonlySet<string>): void;
  canEdit: boolean;
  /** Whether this note may be dragged (the board may let participants move only their own notes); absent: every note. */
  mayDrag?(id: string): boolean;
  onAddAt(p: Point): void;
  onEdit(id: string): void;
  onDragLive(positions: Record<string, Point> | null): void;
  onMoveEnd(moves: { id: string; x: number; y: number }[]): void;
  onCursor(p: Point | null): void;
}

export interface DragOffset {
  ids: ReadonlySet<string>;
  dx: number;
  dy: number;
}

type Gesture =
  | { kind: 'pan'; pointerId: number; last: Point }
  | { kind: 'drag'; pointerId: number; noteId: string; start: Point; ids: string[]; moved: boolean; shift: boolean }
  | { kind: 'marquee'; pointerId: number; start: Point; additive: boolean }
  | { kind: 'pinch'; dist: number; mid: Point };

const DRAG_THRESHOLD_PX = 4;
const DOUBLE_TAP_MS = 350;
const DOUBLE_TAP_PX = 12;

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/**
 * All pointer input on the board, as one small state machine on the container element:
 * drag empty canvas = selection rectangle (mouse) or pan (touch, viewers), space/middle-drag = pan,
 * drag a note = move the selection, two fingers = pinch zoom, double click/tap = add or edit.
 * Konva is used only to hit-test which note is under the pointer.
 */
export function useCanvasGestures(container: RefObject<HTMLDivElement | null>, stage: RefObject<Konva.Stage | null>, cb: GestureCallbacks) {
  const latest = useRef(cb);
  useEffect(() => {
    latest.current = cb;
  });
  const [drag, setDrag] = useState<DragOffset | null>(null);
  const [marquee, setMarquee] = useState<Rect | null>(null);
  const [panning, setPanning] = useState(false);
  const [spaceHeld, setSpaceHeld] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || isTyping(e.target)) return;
      e.preventDefault();
      setSpaceHeld(e.type === 'keydown');
    };
    const onBlur = () => setSpaceHeld(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
  const space = useRef(false);
  useEffect(() => {
    space.current = spaceHeld;
  }, [spaceHeld]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const pointers = new Map<number, Point>();
    let gesture: Gesture | null = null;
    let lastTap: { time: number; p: Point } | null = null;

    const local = (e: { clientX: number; clientY: number }): Point => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const noteAt = (p: Point): string | null => {
      const shape = stage.current?.getIntersection(p);
      const group = shape?.findAncestor('.note', true);
      return group ? group.id() : null;
    };
    const pinchState = (): { dist: number; mid: Point } => {
      const [a, b] = [...pointers.values()];
      return { dist: Math.hypot(a!.x - b!.x, a!.y - b!.y), mid: { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 } };
    };
    const cancelDrag = () => {
      if (gesture?.kind === 'drag' && gesture.moved) latest.current.onDragLive(null);
      setDrag(null);
      setMarquee(null);
    };
    const end = () => {
      gesture = null;
      setPanning(false);
    };

    const onDown = (e: PointerEvent) => {
      const p = local(e);
      pointers.set(e.pointerId, p);
      el.setPointerCapture?.(e.pointerId);
      const c = latest.current;
      if (pointers.size === 2 && e.pointerType === 'touch') {
        cancelDrag();
        gesture = { kind: 'pinch', ...pinchState() };
        return;
      }
      if (gesture) return;
      const id = e.button === 0 && !space.current ? noteAt(p) : null;
      if (e.button === 1 || space.current || (!id && (e.pointerType === 'touch' || !c.canEdit))) {
        e.preventDefault();
        gesture = { kind: 'pan', pointerId: e.pointerId, last: p };
        setPanning(true);
        return;
      }
      if (e.button !== 0) return;
      const bp = toBoard(c.viewport, p);
      if (id) {
        if (!c.canEdit) return;
        if (c.mayDrag && !c.mayDrag(id)) {
          // Someone else's note on a board where only one's own move: it can still be selected (to react), not dragged.
          if (!e.shiftKey) c.onSelect(new Set([id]));
          if (e.pointerType === 'touch') {
            gesture = { kind: 'pan', pointerId: e.pointerId, last: p };
            setPanning(true);
          }
          return;
        }
        let ids: string[];
        if (e.shiftKey) {
          const next = new Set(c.selection);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          c.onSelect(next);
          ids = next.has(id) ? [...next] : [];
        } else if (c.selection.has(id)) {
          ids = [...c.selection];
        } else {
          c.onSelect(new Set([id]));
          ids = [id];
        }
        if (c.mayDrag) ids = ids.filter((n) => c.mayDrag!(n));
        if (ids.length) gesture = { kind: 'drag', pointerId: e.pointerId, noteId: id, start: bp, ids, moved: false, shift: e.shiftKey };
        return;
      }
      if (!e.shiftKey) c.onSelect(new Set());
      gesture = { kind: 'marquee', pointerId: e.pointerId, start: bp, additive: e.shiftKey };
    };

    const onMove = (e: PointerEvent) => {
      const p = local(e);
      const c = latest.current;
      if (e.pointerType === 'mouse') c.onCursor(toBoard(c.viewport, p));
      if (!pointers.has(e.pointerId)) return;
      const prev = pointers.get(e.pointerId)!;
      pointers.set(e.pointerId, p);
      if (!gesture) return;
      if (gesture.kind === 'pinch') {
        if (pointers.size < 2) return;
        const now = pinchState();
        const { dist, mid } = gesture;
        c.setViewport((vp) => zoomAt(panBy(vp, now.mid.x - mid.x, now.mid.y - mid.y), now.mid, dist > 0 ? now.dist / dist : 1));
        gesture = { kind: 'pinch', ...now };
        return;
      }
      if (gesture.pointerId !== e.pointerId) return;
      if (gesture.kind === 'pan') {
        c.setViewport((vp) => panBy(vp, p.x - prev.x, p.y - prev.y));
        return;
      }
      const bp = toBoard(c.viewport, p);
      if (gesture.kind === 'marquee') {
        setMarquee(rectFromPoints(gesture.start, bp));
        return;
      }
      const dx = bp.x - gesture.start.x;
      const dy = bp.y - gesture.start.y;
      if (!gesture.moved && Math.hypot(dx, dy) * c.viewport.scale < DRAG_THRESHOLD_PX) return;
      gesture.moved = true;
      const ids = new Set(gesture.ids);
      setDrag({ ids, dx, dy });
      const live: Record<string, Point> = {};
      for (const n of c.notes) if (ids.has(n.id)) live[n.id] = { x: Math.round(n.x + dx), y: Math.round(n.y + dy) };
      c.onDragLive(live);
    };

    const finish = (e: PointerEvent, cancelled: boolean) => {
      pointers.delete(e.pointerId);
      const c = latest.current;
      const g = gesture;
      if (!g) return;
      if (g.kind === 'pinch') {
        if (pointers.size < 2) end();
        return;
      }
      if (g.pointerId !== e.pointerId) return;
      end();
      const p = local(e);
      const bp = toBoard(c.viewport, p);
      if (g.kind === 'marquee') {
        setMarquee(null);
        const r = rectFromPoints(g.start, bp);
        if (!cancelled && r.w * c.viewport.scale > DRAG_THRESHOLD_PX) {
          const hit = c.notes.filter((n) => intersects(r, n)).map((n) => n.id);
          c.onSelect(new Set(g.additive ? [...c.selection, ...hit] : hit));
          return;
        }
      }
      if (g.kind === 'drag' && g.moved) {
        setDrag(null);
        c.onDragLive(null);
        if (cancelled) return;
        const ids = new Set(g.ids);
        const dx = bp.x - g.start.x;
        const dy = bp.y - g.start.y;
        c.onMoveEnd(c.notes.filter((n) => ids.has(n.id)).map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy })));
        return;
      }
      if (g.kind === 'drag' && !g.shift && g.ids.length > 1) c.onSelect(new Set([g.noteId]));
      if (cancelled || g.kind === 'pan') return;
      // A double click or double tap, counted by hand so mouse, pen and touch behave the same.
      const now = e.timeStamp;
      if (lastTap && now - lastTap.time < DOUBLE_TAP_MS && Math.hypot(p.x - lastTap.p.x, p.y - lastTap.p.y) < DOUBLE_TAP_PX) {
        lastTap = null;
        if (!c.canEdit) return;
        const id = noteAt(p);
        if (id) c.onEdit(id);
        else c.onAddAt(bp);
      } else {
        lastTap = { time: now, p };
      }
    };
    const onUp = (e: PointerEvent) => finish(e, false);
    const onCancel = (e: PointerEvent) => {
      cancelDrag();
      finish(e, true);
    };
    const onLeave = (e: PointerEvent) => {
      if (e.pointerType === 'mouse' && !gesture) latest.current.onCursor(null);
    };

    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const c = latest.current;
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? el.clientHeight : 1;
      const dx = e.deltaX * unit;
      const dy = e.deltaY * unit;
      // Trackpad pinch arrives as ctrl+wheel in every browser.
      if (e.ctrlKey || e.metaKey) c.setViewport((vp) => zoomAt(vp, local(e), wheelZoomFactor(dy)));
      else if (e.shiftKey && dx === 0) c.setViewport((vp) => panBy(vp, -dy, 0));
      else c.setViewport((vp) => panBy(vp, -dx, -dy));
    };

    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onCancel);
    el.addEventListener('pointerleave', onLeave);
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onCancel);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('wheel', onWheel);
    };
  }, [container, stage]);

  return { drag, marquee, panning, spaceHeld };
}
