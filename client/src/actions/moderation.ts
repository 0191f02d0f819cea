import { setNoteText } from '../../../shared/board';
import { LOCAL_ORIGIN, type Command } from './command';

/** The facilitator's edit of a queued note before approving it: the changed part only, so typing elsewhere merges. */
export const editNoteTextCommand: Command<{ id: string; text: string }> = {
  name: 'editNoteText',
  perform(doc, { id, text }) {
    setNoteText(doc, id, text, LOCAL_ORIGIN);
  },
};
