import { toggleReaction, type Stamp } from '../../../shared/board';
import type { Action } from './action';
import { LOCAL_ORIGIN } from './origin';

/** Gives a stamp on a note, or takes this person's own back; returns whether it is given now. */
export const toggleReactionAction: Action<{ noteId: string; stamp: Stamp }, boolean> = {
  name: 'toggleReaction',
  label: 'action.toggleReaction',
  predicate: (ctx) => !!ctx.session.get().userId && ctx.perms.canWrite,
  perform({ doc, session }, { noteId, stamp }) {
    return toggleReaction(doc, noteId, stamp, session.get().userId!, LOCAL_ORIGIN);
  },
};
