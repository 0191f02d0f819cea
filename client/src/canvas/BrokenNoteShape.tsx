import { Group, Rect, Text } from 'react-konva';
import { NOTE_SIZE } from '../../../shared/board';
import { FONT_FAMILY, NOTE_PADDING } from './style';

/**
 * A note that fails validation (written by an older or faulty client): shown grey with its raw
 * text so nothing is silently lost, and never allowed to crash the board.
 */
export function BrokenNoteShape({ id, text, x, y, label }: { id: string; text: string; x: number; y: number; label: string }) {
  return (
    <Group id={id} name="broken-note" x={x} y={y} listening={false}>
      <Rect width={NOTE_SIZE.w} height={NOTE_SIZE.h} fill="#e0e0e0" stroke="#9e9e9e" dash={[6, 4]} cornerRadius={3} />
      <Text x={NOTE_PADDING} y={NOTE_PADDING} width={NOTE_SIZE.w - NOTE_PADDING * 2} text={label} fontFamily={FONT_FAMILY} fontSize={10} fill="#616161" />
      <Text
        x={NOTE_PADDING}
        y={NOTE_PADDING + 16}
        width={NOTE_SIZE.w - NOTE_PADDING * 2}
        height={NOTE_SIZE.h - NOTE_PADDING * 2 - 16}
        text={text}
        fontFamily={FONT_FAMILY}
        fontSize={12}
        fill="#424242"
        wrap="word"
        ellipsis
      />
    </Group>
  );
}
