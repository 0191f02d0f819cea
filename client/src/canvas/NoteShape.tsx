import { memo, useRef } from 'react';
import { Group, Rect } from 'react-konva';
import type Konva from 'konva';
import type { Note } from '../../../shared/board';
import { CategoryBadge } from '../grouping/CategoryBadge';
import { useGlide } from '../grouping/useGlide';
import { NoteText } from './NoteText';
import { FONT_FAMILY, NOTE_FOOTER, NOTE_INK, NOTE_INK_SOFT, NOTE_PADDING, noteFontSize, readableFontSize, readableLineHeight, GROWN_LINE_HEIGHT } from './style';

export interface NoteShapeProps {
  note: Note;
  x: number;
  y: number;
  selected: boolean;
  /** The DOM editor is on top: draw the paper only, so the text is not seen twice. */
  editing: boolean;
  lifted: boolean;
  /** Colour of the remote user dragging this note, if any. */
  remoteDragColor: string | null;
  author: string;
  categoryLabel: string | null;
  placeholder: string;
  /** 'low' when zoomed far out: text lines drawn as bars, no author line. */
  detail?: 'full' | 'low';
  /** Off when many notes are on screen or zoomed out (a lifted note always keeps its shadow). */
  shadow?: boolean;
  /** Pixel ratio the note's text is kept at as a bitmap; absent: text drawn glyph by glyph every frame. */
  cacheRatio?: number;
  /** The zoom the text is sized for: zoomed out, the text grows so it stays readable on screen. */
  textScale?: number;
}

const LINE_HEIGHT = 1.35;

/** One sticky note. Draws only; pointer handling lives in the canvas, which hit-tests by the group's id. */
export const NoteShape = memo(function NoteShape(p: NoteShapeProps) {
  const { note } = p;
  const empty = note.text.length === 0;
  const textHeight = note.h - NOTE_FOOTER - NOTE_PADDING;
  const baseFont = noteFontSize(note.text);
  const lineHeight = readableLineHeight(baseFont, readableFontSize(baseFont, p.textScale ?? 1, textHeight, GROWN_LINE_HEIGHT), LINE_HEIGHT);
  const fontSize = readableFontSize(baseFont, p.textScale ?? 1, textHeight, lineHeight);
  const group = useRef<Konva.Group>(null);
  useGlide(group, p.x, p.y, p.lifted);
  return (
    <Group ref={group} id={note.id} name="note" x={p.x} y={p.y}>
      <Rect
        width={note.w}
        height={note.h}
        fill={note.color}
        cornerRadius={p.detail === 'low' ? 0 : 3}
        shadowEnabled={p.lifted || p.shadow !== false}
        shadowColor="#000"
        shadowOpacity={p.lifted ? 0.28 : 0.16}
        shadowBlur={p.lifted ? 14 : 5}
        shadowOffsetY={p.lifted ? 6 : 2}
        shadowForStrokeEnabled={false}
        stroke={p.selected ? '#1a73e8' : (p.remoteDragColor ?? undefined)}
        strokeWidth={p.selected || p.remoteDragColor ? 2 : 0}
        perfectDrawEnabled={false}
      />
      {!p.editing && (
        <NoteText
          x={NOTE_PADDING}
          y={NOTE_PADDING}
          width={note.w - NOTE_PADDING * 2}
          height={textHeight}
          text={empty ? p.placeholder : note.text}
          fontFamily={FONT_FAMILY}
          fontSize={fontSize}
          fontStyle={empty ? 'italic' : 'normal'}
          lineHeight={lineHeight}
          fill={empty ? NOTE_INK_SOFT : NOTE_INK}
          greek={p.detail === 'low'}
          bitmapRatio={p.cacheRatio}
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {p.author && p.detail !== 'low' && (
        <NoteText
          x={NOTE_PADDING}
          y={note.h - NOTE_FOOTER + 4}
          width={note.w / 2}
          height={14}
          text={p.author}
          fontFamily={FONT_FAMILY}
          fontSize={10}
          lineHeight={1.3}
          fill={NOTE_INK_SOFT}
          bitmapRatio={p.cacheRatio}
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      <CategoryBadge note={note} label={p.categoryLabel} right={note.w - 6} y={note.h - NOTE_FOOTER + 3} />
    </Group>
  );
});
