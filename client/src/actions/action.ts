import type * as Y from 'yjs';
import type { BoardView } from '../../../shared/board';
import type { KeyInput } from './keys';
import type { BoardSession } from '../board/session';
import type { Permissions } from '../board/usePermissions';
import type { Point, Rect } from '../canvas/viewport';

/** The server calls an action may make (the lock lives on the server: it refuses participants' updates). */
export interface BoardApi {
  setLocked(locked: boolean): Promise<boolean>;
}

/** What the canvas screen lends the actions that act on what is on screen (absent in the list and on the phone). */
export interface CanvasHost {
  /** The middle of the visible board, in board coordinates. */
  centre(): Point;
  /** Brings a note into view when it is not on screen. */
  showOnScreen(rect: Rect): void;
  zoomToFit(): void;
  zoomBy(factor: number): void;
  /** Pans by screen pixels. */
  panBy(dx: number, dy: number): void;
  /** Set while the board is shown arranged by category: the notes as drawn, and the tray's rectangle. */
  byCategory: { notes: BoardView['notes']; regions: readonly import('../../../shared/grouping').RegionRect[]; tray: Rect } | null;
  /** Projector mode: the board is shown, not edited. */
  projecting: boolean;
}

export interface UndoControls {
  undo(): void;
  redo(): void;
  stopCapturing(): void;
}

/** Everything an action may read or change; built fresh for each dispatch by the screen that dispatches. */
export interface ActionContext {
  readonly doc: Y.Doc;
  /** Who acts and what they have selected or open (see board/session.ts). */
  readonly session: BoardSession;
  /** The board as validated and drawn now. */
  readonly view: BoardView;
  readonly perms: Permissions;
  readonly api?: BoardApi;
  readonly canvas?: CanvasHost;
  readonly undo?: UndoControls;
}

/** Where a shortcut works: on the board only (the list view and dialogs keep their keys), or everywhere. */
export type KeyScope = 'board' | 'everywhere';

/**
 * A user action: the one way the client changes the doc (or the session, or the board on the server).
 * `perform` writes the doc in one transaction with LOCAL_ORIGIN, so one Undo takes it back and others'
 * changes are never undone.
 */
export interface Action<Args = void, Result = void> {
  /** For logs and tests; unique in the registry. */
  readonly name: string;
  /** i18n key of what the action is called (menus, the shortcut list, tooltips). */
  readonly label: string;
  /** Whether it may run now; a dispatch it refuses does nothing and returns undefined. */
  predicate?(ctx: ActionContext, args: Args): boolean;
  perform(ctx: ActionContext, args: Args): Result;
  /** Its keyboard shortcut: the key presses that run it, and the args they run it with. */
  readonly keyTest?: (e: KeyInput) => boolean;
  readonly keyArgs?: (e: KeyInput) => Args;
  readonly keyScope?: KeyScope;
  /** A focused button, link or radio uses these keys itself (Enter, the arrows). */
  readonly keyYieldsToControls?: boolean;
}

// Args are contravariant; the registry holds actions of every shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = Action<any, any>;

/** Runs an action if its predicate allows; the one entry point components use (through useDispatch). */
export function dispatch<Args, Result>(ctx: ActionContext, action: Action<Args, Result>, args: Args): Result | undefined {
  if (action.predicate && !action.predicate(ctx, args)) return undefined;
  return action.perform(ctx, args);
}
