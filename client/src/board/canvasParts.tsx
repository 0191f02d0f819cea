import type { ComponentProps } from 'react';
import { BoardCanvas, type BoardCanvasProps } from '../canvas/BoardCanvas';
import { GroupingRegions } from '../grouping/GroupingRegions';

/**
 * Everything of the board page that draws with Konva, as one chunk (chunks.ts: loadCanvas): the canvas
 * with the category regions under its notes while the board is arranged by category.
 */
export function Canvas({ categories, ...props }: Omit<BoardCanvasProps, 'underlay'> & { categories: ComponentProps<typeof GroupingRegions> | null }) {
  return <BoardCanvas {...props} underlay={categories && <GroupingRegions {...categories} />} />;
}
