import { useMemo, useRef, type ReactNode } from 'react';
import { Group, Layer, Rect, Stage } from 'react-konva';
import type Konva from 'konva';
import { NOTE_SIZE, type BoardView } from '../../../shared/board';
import type { RemotePresence } from '../board/usePresence';
import { NoteShape } from './NoteShape';
import { SectionShape } from './SectionShape';
import { BrokenNoteShape } from './BrokenNoteShape';
import { Cursors } from './Cursors';
import { useCanvasGestures, type GestureCallbacks } from './useCanvasGestures';
import { intersects, unionRect, visibleRect } from './viewport';
import { levelOfDetail, useSettledLevelOfDetail } from './levelOfDetail';
import { BITMAP_MIN_NOTES, useCacheRegion, useNotesBitmap } from './useNotesBitmap';

export interface BoardCanvasProps extends Omit<GestureCallbacks, 'notes'> {
  view: BoardView;
  size: { width: number; height: number };
  editingId: string | null;
  others: RemotePresence[];
  labels: { placeholder: string; broken: string; anonymous: string; category: (id: string) => string | null };
  /** Layers drawn under the notes, in board coordinates (e.g. the auto-group's category regions). */
  underlay?: ReactNode;
}

/** Draws the board and turns pointer input into callbacks; it never writes to the doc itself. */
export function BoardCanvas(props: BoardCanvasProps) {
  const { view, size, viewport, selection, editingId, others, labels } = props;
  const container = useRef<HTMLDivElement>(null);
  const stage = useRef<Konva.Stage>(null);
  const { drag, marquee, panning, spaceHeld } = useCanvasGestures(container, stage, { ...props, notes: view.notes });

  // Notes other people are dragging right now, with their colour; their doc position updates on drop.
  const remoteDrags = useMemo(() => {
    const m = new Map<string, { x: number; y: number; color: string }>();
    for (const { presence } of others) for (const [id, pos] of Object.entries(presence.dragging ?? {})) m.set(id, { ...pos, color: presence.user.color });
    return m;
  }, [others]);

  const visible = visibleRect(viewport, size);
  const placed = view.notes.map((n) => {
    const local = drag?.ids.has(n.id) ? { x: n.x + drag.dx, y: n.y + drag.dy } : null;
    const remote = local ? undefined : remoteDrags.get(n.id);
    return { note: n, x: local?.x ?? remote?.x ?? n.x, y: local?.y ?? remote?.y ?? n.y, lifted: !!local || !!remote, remoteColor: remote?.color ?? null };
  });
  const boxOf = (p: (typeof placed)[number]) => ({ x: p.x, y: p.y, w: p.note.w, h: p.note.h });
  const visibleCount = placed.reduce((n, p) => n + (intersects(visible, boxOf(p)) ? 1 : 0), 0);
  // Many notes on screen: the resting ones are drawn once into a bitmap of a region larger than the screen.
  const region = useCacheRegion(viewport, size);
  const bitmapOn = visibleCount >= BITMAP_MIN_NOTES;
  const area = bitmapOn ? region : visible;
  const live = (p: (typeof placed)[number]) => p.lifted || p.note.id === editingId;
  // Lifted notes are drawn last so they pass over the others.
  const moving = placed.filter(live).sort((a, b) => Number(a.lifted) - Number(b.lifted));
  const liftedKey = moving.map((p) => p.note.id).join();
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const { detail, shadow, cacheRatio, textScale } = useSettledLevelOfDetail(levelOfDetail(viewport.scale, visibleCount, dpr), viewport, bitmapOn ? region : null);
  const restingGroup = useRef<Konva.Group>(null);
  useNotesBitmap(restingGroup, bitmapOn, region, [view.notes, view.meta.anonymous, selection, liftedKey, detail, shadow, cacheRatio, textScale, labels]);
  // Broken notes have no trustworthy position: line them up left of everything else.
  const brokenOrigin = unionRect([...view.notes, ...view.sections]) ?? { x: 0, y: 0 };

  const renderNote = (p: (typeof placed)[number]) => (
    <NoteShape
      key={p.note.id}
      note={p.note}
      x={p.x}
      y={p.y}
      selected={selection.has(p.note.id)}
      editing={p.note.id === editingId}
      lifted={p.lifted}
      remoteDragColor={p.remoteColor}
      author={view.meta.anonymous ? '' : p.note.author}
      categoryLabel={labels.category(p.note.category)}
      placeholder={labels.placeholder}
      detail={detail}
      shadow={shadow}
      cacheRatio={cacheRatio}
      textScale={textScale}
    />
  );
  // A pan changes none of these: React then skips the resting notes entirely, hundreds of them.
  const restingNotes = useMemo(
    () => placed.filter((p) => !live(p) && intersects(area, boxOf(p))).map(renderNote),
    // `placed`, `live` and `renderNote` are rebuilt every render from exactly these values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view.notes, view.meta.anonymous, area, liftedKey, editingId, selection, detail, shadow, cacheRatio, textScale, labels],
  );
  // The same elements while only the view moves: React then does not even walk the notes' fibers.
  const restingLayer = useMemo(() => <Group ref={restingGroup}>{restingNotes}</Group>, [restingNotes]);
  const sectionShapes = useMemo(() => view.sections.filter((s) => intersects(area, s)).map((s) => <SectionShape key={s.id} section={s} textScale={textScale} />), [view.sections, area, textScale]);

  const cursor = panning ? 'grabbing' : spaceHeld ? 'grab' : 'default';
  return (
    <div ref={container} className="board-canvas" data-testid="board-canvas" style={{ cursor }}>
      <Stage ref={stage} width={size.width} height={size.height} x={viewport.x} y={viewport.y} scaleX={viewport.scale} scaleY={viewport.scale}>
        {props.underlay}
        {/* Sections never take pointer input: their own layer has no hit canvas to redraw. */}
        <Layer listening={false}>{sectionShapes}</Layer>
        <Layer>
          {restingLayer}
          {moving.map(renderNote)}
          {view.broken.map((b, i) => (
            <BrokenNoteShape key={b.id} id={b.id} text={b.text} x={brokenOrigin.x - NOTE_SIZE.w - 60} y={brokenOrigin.y + i * (NOTE_SIZE.h + 20)} label={labels.broken} />
          ))}
        </Layer>
        <Layer listening={false}>
          {marquee && <Rect {...{ x: marquee.x, y: marquee.y, width: marquee.w, height: marquee.h }} fill="rgba(26,115,232,0.08)" stroke="#1a73e8" strokeWidth={1 / viewport.scale} />}
          <Cursors others={others} scale={viewport.scale} anonymousLabel={labels.anonymous} />
        </Layer>
      </Stage>
    </div>
  );
}
