import { setMeta } from '../../../shared/board';
import { LOCAL_ORIGIN, type Command } from './command';

/** Facilitator only: stops participants from editing, e.g. while the secretariat sorts the notes. */
export const setLockedCommand: Command<{ locked: boolean }> = {
  name: 'setLocked',
  perform(doc, { locked }) {
    setMeta(doc, { locked }, LOCAL_ORIGIN);
  },
};
