import { useState, useSyncExternalStore } from 'react';
import type { Role } from '../../../shared/board';

/**
 * What one person's board screen holds besides the doc: who they are here and what they are doing.
 * The canvas, the list and the phone read the same session, and actions change it (an added note
 * becomes the selection and opens its editor), so none of it lives in one component's state.
 */
export interface SessionState {
  userId: string | null;
  role: Role | null;
  /** The display name ('' for someone who gave none); an anonymous board never writes it (see authorName). */
  name: string;
  /** The participant's group, on a board with groups; null otherwise. */
  group: string | null;
  /** The colour new notes get, and that the colour picker shows. */
  color: string;
  selection: ReadonlySet<string>;
  editingId: string | null;
  /** The list view stands in for the canvas (keyboard and screen-reader users). */
  listView: boolean;
  /** Focus moves to the list's title once it shows (the skip link). */
  focusList: boolean;
  helpOpen: boolean;
  sharing: boolean;
  askName: boolean;
}

export interface BoardSession {
  get(): SessionState;
  set(patch: Partial<SessionState> | ((s: SessionState) => Partial<SessionState>)): void;
  subscribe(listener: () => void): () => void;
}

const NOTHING: ReadonlySet<string> = new Set();

export function createBoardSession(initial: Partial<SessionState> = {}): BoardSession {
  let state: SessionState = {
    userId: null,
    role: null,
    name: '',
    group: null,
    color: '#fff176',
    selection: NOTHING,
    editingId: null,
    listView: false,
    focusList: false,
    helpOpen: false,
    sharing: false,
    askName: false,
    ...initial,
  };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const p = typeof patch === 'function' ? patch(state) : patch;
      if ((Object.keys(p) as (keyof SessionState)[]).every((k) => Object.is(p[k], state[k]))) return;
      state = { ...state, ...p };
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One session per board screen, made once. */
export function useNewBoardSession(initial: () => Partial<SessionState>): BoardSession {
  return useState(() => createBoardSession(initial()))[0];
}

/** The session as it is now; the component re-renders when it changes. */
export function useSession(session: BoardSession): SessionState {
  return useSyncExternalStore(session.subscribe, session.get);
}
