import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { createUndoManager } from '../actions';

/** Undo/redo of this user's own actions only (see LOCAL_ORIGIN). */
export function useUndo(doc: Y.Doc | null) {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    if (!doc) return;
    const m = createUndoManager(doc);
    const update = () => setState({ canUndo: m.canUndo(), canRedo: m.canRedo() });
    m.on('stack-item-added', update);
    m.on('stack-item-popped', update);
    m.on('stack-cleared', update);
    setManager(m);
    return () => {
      m.destroy();
      setManager(null);
    };
  }, [doc]);
  return {
    ...state,
    undo: () => manager?.undo(),
    redo: () => manager?.redo(),
    /** Ends the step being recorded, so the next change (e.g. an auto-group) is undone on its own. */
    stopCapturing: () => manager?.stopCapturing(),
  };
}
