import type { AnyAction } from './action';
import './strings';
import * as canvas from './canvas';
import * as grouping from './grouping';
import * as notes from './notes';
import * as workshop from './workshop';
import * as readiness from './readiness';
import * as reactions from './reactions';

/**
 * Every action of the client. A new action is an object in one of these modules, listed here:
 * shortcuts come from this list (first match wins, so the order is the key table's), and a unit test
 * checks that names are unique and every label is translated.
 */
export const ACTIONS: readonly AnyAction[] = [
  // Board shortcuts and the canvas
  canvas.addNoteInViewAction,
  canvas.addNoteAtAction,
  canvas.editSelectedAction,
  canvas.editNoteAction,
  canvas.clearSelectionAction,
  canvas.deleteSelectedAction,
  canvas.arrowAction,
  canvas.undoAction,
  canvas.redoAction,
  canvas.selectAllAction,
  canvas.zoomInAction,
  canvas.zoomOutAction,
  canvas.zoomToFitAction,
  canvas.toggleHelpAction,
  canvas.showListAction,
  canvas.setNameAction,
  // Notes, on every screen
  notes.addNoteAction,
  notes.spliceTextAction,
  notes.editNoteTextAction,
  notes.moveToSectionAction,
  notes.deleteNotesAction,
  notes.pickColorAction,
  grouping.dropNotesAction,
  // The facilitator's grouping
  grouping.autoGroupAction,
  grouping.restoreLayoutAction,
  grouping.showCategoriesAction,
  grouping.setCategoryAction,
  grouping.confirmCategoryAction,
  // Workshop flow
  workshop.voteAction,
  workshop.setVotingAction,
  workshop.showVoteResultsAction,
  workshop.clearVotesAction,
  workshop.saveAgendaAction,
  workshop.startTimerAction,
  workshop.pauseTimerAction,
  workshop.resumeTimerAction,
  workshop.stopTimerAction,
  workshop.toggleFollowAction,
  workshop.focusGroupAction,
  workshop.setScribeAction,
  workshop.toggleLockAction,
  readiness.setReadyAction,
  readiness.clearReadinessAction,
  reactions.toggleReactionAction,
];
