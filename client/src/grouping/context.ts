import { createContext, useContext } from 'react';

/**
 * What the canvas's note shapes need from the grouping UI, without threading props through the canvas:
 * whether a layout change is happening now (notes glide), and where a badge's "why" goes.
 * react-konva bridges React context into the stage, so NoteShape can read it.
 */
export interface GroupingCanvasApi {
  /** True for a moment after an auto-group, its undo or a restore, when animation is allowed. */
  gliding(): boolean;
  /** Hover (mouse) shows the reasons; leaving hides them unless pinned. */
  hoverWhy(noteId: string | null): void;
  /**
   * A press on a badge: if it ends as a click or tap (no drag), the reasons are pinned open, or closed.
   * (The canvas captures the pointer on press, so Konva never sees the release; the window does.)
   */
  pressWhy(noteId: string, press: PointerEvent): void;
}

/** How long a note glides to its new place; here, apart from the Konva tween, so the board page can wait for it without loading Konva. */
export const GLIDE_SECONDS = 0.4;

const NONE: GroupingCanvasApi = { gliding: () => false, hoverWhy: () => {}, pressWhy: () => {} };

export const GroupingCanvasContext = createContext<GroupingCanvasApi>(NONE);

export const useGroupingCanvas = (): GroupingCanvasApi => useContext(GroupingCanvasContext);
