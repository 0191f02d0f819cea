import { clearReadiness, setReady } from '../../../shared/board';
import { LOCAL_ORIGIN, type Command } from './command';

/** 書き終わった / "Done", or taking it back: this person's own entry only. */
export const setReadyCommand: Command<{ userId: string; ready: boolean }> = {
  name: 'setReady',
  perform(doc, { userId, ready }) {
    setReady(doc, userId, ready, LOCAL_ORIGIN);
  },
};

/** Facilitator: everyone back to "still writing", for the next round. */
export const clearReadinessCommand: Command<void> = {
  name: 'clearReadiness',
  perform(doc) {
    clearReadiness(doc, LOCAL_ORIGIN);
  },
};
