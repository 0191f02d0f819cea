import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import type { Note } from '../../../shared/board';
import { FONT_FAMILY, NOTE_FOOTER, NOTE_PADDING, noteFontSize } from './style';

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
}

/** One sticky note. Draws only; pointer handling lives in the canvas, which hit-tests by the group's id. */
export const NoteShape = memo(function NoteShape(p: NoteShapeProps) {
  const { note } = p;
  const empty = note.text.length === 0;
  const textHeight = note.h - NOTE_FOOTER - NOTE_PADDING;
  return (
    <Group id={note.id} name="note" x={p.x} y={p.y}>
      <Rect
        width={note.w}
        height={note.h}
        fill={note.color}
        cornerRadius={3}
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
        <Text
          x={NOTE_PADDING}
          y={NOTE_PADDING}
          width={note.w - NOTE_PADDING * 2}
          height={textHeight}
          text={empty ? p.placeholder : note.text}
          fontFamily={FONT_FAMILY}
          fontSize={noteFontSize(note.text)}
          lineHeight={1.35}
          fill={empty ? '#8a8a8a' : '#1f1f1f'}
          wrap="word"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {p.author && (
        <Text
          x={NOTE_PADDING}
          y={note.h - NOTE_FOOTER + 4}
          width={note.w / 2}
          text={p.author}
          fontFamily={FONT_FAMILY}
          fontSize={10}
          fill="#5f5f5f"
          wrap="none"
          ellipsis
          listening={false}
        />
      )}
      {p.categoryLabel && <CategoryBadge label={p.categoryLabel} right={note.w - 6} y={note.h - NOTE_FOOTER + 2} auto={note.categorySource === 'auto'} />}
    </Group>
  );
});

/** Placeholder badge for the three-supports category; an automatic guess is drawn dashed until a person confirms it. */
function CategoryBadge({ label, right, y, auto }: { label: string; right: number; y: number; auto: boolean }) {
  const width = label.length * 10 + 12;
  return (
    <Group x={right - width} y={y} listening={false}>
      <Rect width={width} height={16} cornerRadius={8} fill="rgba(255,255,255,0.75)" stroke="#7a7a7a" strokeWidth={1} dash={auto ? [3, 2] : undefined} />
      <Text width={width} height={16} align="center" verticalAlign="middle" text={label} fontFamily={FONT_FAMILY} fontSize={10} fill="#333" />
    </Group>
  );
}
