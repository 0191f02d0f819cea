import { canFacilitate, clearReadiness, setReady } from '../../../shared/board';
import type { Action, ActionContext } from './action';
import { LOCAL_ORIGIN } from './origin';

const writer = (ctx: ActionContext) => !!ctx.session.get().userId && ctx.perms.canWrite;

/** 書き終わった / "Done", or taking it back: this person's own entry only. */
export const setReadyAction: Action<{ ready: boolean }> = {
  name: 'setReady',
  label: 'action.setReady',
  predicate: writer,
  perform({ doc, session }, { ready }) {
    setReady(doc, session.get().userId!, ready, LOCAL_ORIGIN);
  },
};

/** Facilitator: everyone back to "still writing", for the next round. */
export const clearReadinessAction: Action = {
  name: 'clearReadiness',
  label: 'action.clearReadiness',
  predicate: (ctx) => canFacilitate(ctx.session.get().role ?? 'viewer'),
  perform({ doc }) {
    clearReadiness(doc, LOCAL_ORIGIN);
  },
};
