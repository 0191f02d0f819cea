import { toggleReaction, type Stamp } from '../../../shared/board';
import { LOCAL_ORIGIN, type Command } from './command';

/** Gives a stamp on a note, or takes this person's own back; returns whether it is given now. */
export const toggleReactionCommand: Command<{ noteId: string; stamp: Stamp; userId: string }, boolean> = {
  name: 'toggleReaction',
  perform(doc, { noteId, stamp, userId }) {
    return toggleReaction(doc, noteId, stamp, userId, LOCAL_ORIGIN);
  },
};
