import { toggleReaction, type Stamp } from '../../../shared/board';
import type { Action } from './action';
import { LOCAL_ORIGIN } from './origin';
import { privateNotesNow } from '../private/context';

/** Gives a stamp on a note, or takes this person's own back; returns whether it is given now. */
export const toggleReactionAction: Action<{ noteId: string; stamp: Stamp }, boolean> = {
  name: 'toggleReaction',
  label: 'action.toggleReaction',
  // A stamp is written into the board: on one's own private note it would tell everyone the note exists.
  predicate: (ctx, { noteId }) => !!ctx.session.get().userId && ctx.perms.canWrite && !privateNotesNow().ids.has(noteId),
  perform({ doc, session }, { noteId, stamp }) {
    return toggleReaction(doc, noteId, stamp, session.get().userId!, LOCAL_ORIGIN);
  },
};
