import type * as Y from 'yjs';
import { hiddenNotes, moderationOn, moderationQueue, type QueuedNote } from '../../../shared/board/moderation';
import { useDocValue } from '../agenda/useDocValue';

export interface ModerationView {
  on: boolean;
  queue: QueuedNote[];
  hidden: QueuedNote[];
}

const read = (doc: Y.Doc): ModerationView => ({ on: moderationOn(doc), queue: moderationQueue(doc), hidden: hiddenNotes(doc) });
const NONE: ModerationView = { on: false, queue: [], hidden: [] };

/** The approval queue as the facilitator's own copy of the board has it, live (re-read at most once a frame). */
export const useModeration = (doc: Y.Doc): ModerationView => useDocValue(doc, read, NONE);
