import type * as Y from 'yjs';
import { readBoard } from '../../../shared/board';
import { createBoardSession, type BoardSession, type SessionState } from '../board/session';
import { permissionsFor } from '../board/usePermissions';
import type { ActionContext } from './action';

/**
 * A context read straight from the doc, for a screen without a canvas or for a test: the view and
 * the permissions as they are now, for the person in `session`.
 */
export function contextFor(doc: Y.Doc, session: BoardSession | Partial<SessionState> = {}, extra: Partial<Omit<ActionContext, 'doc' | 'session'>> = {}): ActionContext {
  const s = 'subscribe' in session ? (session as BoardSession) : createBoardSession(session as Partial<SessionState>);
  const view = extra.view ?? readBoard(doc);
  const { role, userId } = s.get();
  return { doc, session: s, view, perms: extra.perms ?? permissionsFor(doc, view, role, userId), ...extra };
}
