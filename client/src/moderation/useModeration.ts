import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { hiddenNotes, moderationOn, moderationQueue, type QueuedNote } from '../../../shared/board/moderation';

export interface ModerationView {
  on: boolean;
  queue: QueuedNote[];
  hidden: QueuedNote[];
}

const read = (doc: Y.Doc): ModerationView => ({ on: moderationOn(doc), queue: moderationQueue(doc), hidden: hiddenNotes(doc) });

/** The approval queue as the facilitator's own copy of the board has it, live. */
export function useModeration(doc: Y.Doc): ModerationView {
  const [view, setView] = useState(() => read(doc));
  useEffect(() => {
    setView(read(doc));
    const onUpdate = () => setView(read(doc));
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [doc]);
  return view;
}
