import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { notesOf } from '../../../shared/board';
import { moderationStatus } from '../../../shared/board/moderation';
import { useDocValue } from '../agenda/useDocValue';
import './strings';

const pendingIds = (doc: Y.Doc): string[] => [...notesOf(doc).keys()].filter((id) => moderationStatus(doc, id) === 'pending');

/** On the writer's own note: it is not on the projector yet (the facilitator has not approved it). */
export function PendingMark({ doc, noteId }: { doc: Y.Doc; noteId: string }) {
  const { t } = useTranslation();
  const pending = useDocValue(doc, pendingIds, []);
  if (!pending.includes(noteId)) return null;
  return (
    <span className="mod-mine-pending" data-testid="pending-mark">
      {t('moderation.pendingMine')}
    </span>
  );
}

const queueLength = (doc: Y.Doc): number => pendingIds(doc).length;

/** How many notes wait for approval, on the button that opens the facilitator's panel. */
export function PendingCount({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const count = useDocValue(doc, queueLength, 0);
  if (count === 0) return null;
  return (
    <span className="mod-count" data-testid="pending-count">
      {t('moderation.queueCount', { count })}
    </span>
  );
}
