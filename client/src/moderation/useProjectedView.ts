import { useMemo } from 'react';
import type * as Y from 'yjs';
import { keptFromViewers } from '../../../shared/board/moderation';
import { useDocValue } from '../agenda/useDocValue';

const keptIds = (doc: Y.Doc): string[] => [...keptFromViewers(doc)];

/**
 * The facilitator's own screen in projector mode shows what the viewer link shows: no note pending or
 * hidden under moderation (the viewer link itself is never sent them; see viewerProjection.ts).
 */
export function useProjectedView<V extends { notes: readonly { id: string }[] }>(doc: Y.Doc | null, view: V, projecting: boolean): V {
  const kept = useDocValue(doc, keptIds, []);
  return useMemo(() => (projecting && kept.length > 0 ? { ...view, notes: view.notes.filter((n) => !kept.includes(n.id)) } : view), [view, projecting, kept]);
}
