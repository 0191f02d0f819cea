import {
  canFacilitate,
  castVote,
  clearVotes,
  pauseTimer,
  readFollow,
  readMeta,
  resumeTimer,
  retractVote,
  setAgenda,
  setFocusGroup,
  setFollow,
  setScribe,
  setVoting,
  showVoteResults,
  startTimer,
  stopTimer,
  type Phase,
  type Voting,
} from '../../../shared/board';
import type { Action, ActionContext } from './action';
import { LOCAL_ORIGIN } from './origin';

const facilitating = (ctx: ActionContext) => canFacilitate(ctx.session.get().role ?? 'viewer');

/** One dot more (`up`) or one less on a note; throws VoteError when the ballot closed or the budget is spent meanwhile. */
export const voteAction: Action<{ noteId: string; up: boolean }> = {
  name: 'vote',
  label: 'action.vote',
  predicate: (ctx) => !!ctx.session.get().userId && ctx.perms.canWrite,
  perform({ doc, session }, { noteId, up }) {
    const voter = session.get().userId!;
    if (up) castVote(doc, noteId, voter, LOCAL_ORIGIN);
    else retractVote(doc, noteId, voter, LOCAL_ORIGIN);
  },
};

/** Facilitator only. Opens or closes the ballot, or changes the dots each person has. */
export const setVotingAction: Action<Partial<Voting>> = {
  name: 'setVoting',
  label: 'action.setVoting',
  predicate: facilitating,
  perform({ doc }, patch) {
    setVoting(doc, patch, LOCAL_ORIGIN);
  },
};

export const showVoteResultsAction: Action<{ shown: boolean }> = {
  name: 'showVoteResults',
  label: 'action.showVoteResults',
  predicate: facilitating,
  perform({ doc }, { shown }) {
    showVoteResults(doc, shown, LOCAL_ORIGIN);
  },
};

export const clearVotesAction: Action = {
  name: 'clearVotes',
  label: 'action.clearVotes',
  predicate: facilitating,
  perform({ doc }) {
    clearVotes(doc, LOCAL_ORIGIN);
  },
};

/** Facilitator only. The session's timed phases; throws AgendaInputError naming what is wrong. */
export const saveAgendaAction: Action<{ phases: readonly Phase[] }> = {
  name: 'saveAgenda',
  label: 'action.saveAgenda',
  predicate: facilitating,
  perform({ doc }, { phases }) {
    setAgenda(doc, phases, LOCAL_ORIGIN);
  },
};

/** Facilitator only. The timer everybody sees, for a phase of the agenda or for some minutes. */
export const startTimerAction: Action<{ phaseId?: string; durationMs: number }> = {
  name: 'startTimer',
  label: 'action.startTimer',
  predicate: facilitating,
  perform({ doc }, opts) {
    startTimer(doc, opts, LOCAL_ORIGIN);
  },
};

export const pauseTimerAction: Action = {
  name: 'pauseTimer',
  label: 'action.pauseTimer',
  predicate: facilitating,
  perform({ doc }) {
    pauseTimer(doc, LOCAL_ORIGIN);
  },
};

export const resumeTimerAction: Action = {
  name: 'resumeTimer',
  label: 'action.resumeTimer',
  predicate: facilitating,
  perform({ doc }) {
    resumeTimer(doc, LOCAL_ORIGIN);
  },
};

export const stopTimerAction: Action = {
  name: 'stopTimer',
  label: 'action.stopTimer',
  predicate: facilitating,
  perform({ doc }) {
    stopTimer(doc, LOCAL_ORIGIN);
  },
};

/** Facilitator only. "Bring everyone to me" (this screen, by its awareness client id), or stop leading. */
export const toggleFollowAction: Action<{ clientId: number }> = {
  name: 'toggleFollow',
  label: 'action.toggleFollow',
  predicate: facilitating,
  perform({ doc }, { clientId }) {
    const leading = readFollow(doc)?.clientId === clientId;
    setFollow(doc, leading ? null : { clientId, at: Date.now() }, LOCAL_ORIGIN);
  },
};

/** Facilitator only. The board (and so every follower) focused on one group, or on none. */
export const focusGroupAction: Action<{ group: string | null }> = {
  name: 'focusGroup',
  label: 'action.focusGroup',
  predicate: facilitating,
  perform({ doc }, { group }) {
    setFocusGroup(doc, group, LOCAL_ORIGIN);
  },
};

/** Facilitator only. A group's scribe (書記役), who may edit every note of the group; null for none. */
export const setScribeAction: Action<{ group: string; userId: string | null }> = {
  name: 'setScribe',
  label: 'action.setScribe',
  predicate: facilitating,
  perform({ doc }, { group, userId }) {
    setScribe(doc, group, userId, LOCAL_ORIGIN);
  },
};

/**
 * Facilitator only. Locks the board, or unlocks it: through the server, which then refuses every
 * participant's update and writes `meta.locked` for everyone. Both lock buttons run this, and it reads the
 * lock from the doc, so neither can act on a stale state.
 */
export const toggleLockAction: Action<void, Promise<boolean>> = {
  name: 'toggleLock',
  label: 'action.toggleLock',
  predicate: (ctx) => facilitating(ctx) && !!ctx.api,
  perform({ doc, api }) {
    return api!.setLocked(!readMeta(doc).locked);
  },
};
