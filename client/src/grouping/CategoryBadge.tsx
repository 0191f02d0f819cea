import { Group, Rect, Text } from 'react-konva';
import type { Note } from '../../../shared/board';
import { FONT_FAMILY } from '../canvas/style';
import { BADGE_TEXT, categoryStyle } from './categories';
import { useGroupingCanvas } from './context';

const HEIGHT = 16;
const FONT = 11;

/** Roughly the drawn width: full-width (CJK) characters take a whole em, others about half. */
function labelWidth(label: string): number {
  let w = 0;
  for (const ch of label) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? FONT : FONT * 0.58;
  return Math.ceil(w);
}

export interface CategoryBadgeProps {
  note: Pick<Note, 'id' | 'category' | 'categorySource'>;
  label: string | null;
  /** Right edge and top, in the note's coordinates. */
  right: number;
  y: number;
}

/**
 * The note's category as a small coloured tag (white on the category's colour, WCAG AA). An automatic
 * guess has a dashed outline until a person confirms it. Hover, click or tap shows why (CategoryWhy).
 * A fresh note is "unsorted" by default; that says nothing, so it gets no tag until it has been sorted.
 */
export function CategoryBadge({ note, label, right, y }: CategoryBadgeProps) {
  const api = useGroupingCanvas();
  if (!label || (note.category === 'unsorted' && !note.categorySource)) return null;
  const style = categoryStyle(note.category);
  const width = labelWidth(label) + 14;
  const auto = note.categorySource === 'auto';
  return (
    <Group
      x={right - width}
      y={y}
      name="category-badge"
      category={note.category}
      source={note.categorySource ?? ''}
      onMouseEnter={() => api.hoverWhy(note.id)}
      onMouseLeave={() => api.hoverWhy(null)}
      onPointerDown={(e) => api.pressWhy(note.id, e.evt)}
    >
      <Rect width={width} height={HEIGHT} cornerRadius={HEIGHT / 2} fill={style.strong} stroke={auto ? BADGE_TEXT : undefined} strokeWidth={auto ? 1 : 0} dash={auto ? [3, 2] : undefined} />
      <Text width={width} height={HEIGHT} align="center" verticalAlign="middle" text={label} fontFamily={FONT_FAMILY} fontSize={FONT} fill={BADGE_TEXT} listening={false} />
    </Group>
  );
}
