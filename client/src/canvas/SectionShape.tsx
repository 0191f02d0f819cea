import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { SUMMARY_KIND, type Section } from '../../../shared/board';
import { FONT_FAMILY, readableFontSize } from './style';

const TITLE_HEIGHT = 56;

/** A worksheet column or a group's まとめ area; its title stays readable when zoomed out. Not hit-testable: a click on it counts as empty canvas. */
export const SectionShape = memo(function SectionShape({ section, textScale = 1 }: { section: Section; textScale?: number }) {
  const summary = section.kind === SUMMARY_KIND;
  return (
    <Group x={section.x} y={section.y} listening={false} name="section">
      <Rect
        width={section.w}
        height={section.h}
        fill={summary ? '#eef3fb' : '#f4f5f7'}
        stroke={summary ? '#b8c8e6' : '#d5d9e0'}
        strokeWidth={2}
        cornerRadius={14}
        perfectDrawEnabled={false}
      />
      <Text x={20} y={18} width={section.w - 40} text={section.title} fontFamily={FONT_FAMILY} fontSize={readableFontSize(20, textScale, TITLE_HEIGHT, 1)} fontStyle="bold" fill="#3c4350" wrap="word" ellipsis height={TITLE_HEIGHT} />
    </Group>
  );
});
