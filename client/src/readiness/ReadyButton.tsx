import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readyPeople, type Role } from '../../../shared/board';
import { setReadyAction, useDispatch } from '../actions';
import { useDocValue } from '../agenda/useDocValue';
import './strings';
import './readiness.css';

const NONE = new Map<string, number>();

/** 書き終わった / "Done" for a participant; tapping again takes it back. The facilitator sees it at once. */
export function ReadyButton({ doc, userId, role, canWrite, big = false }: { doc: Y.Doc | null; userId: string | null; role: Role | null; canWrite: boolean; big?: boolean }) {
  const { t } = useTranslation();
  const ready = useDocValue(doc, readyPeople, NONE);
  const dispatch = useDispatch();
  if (role !== 'participant' || !doc || !userId) return null;
  const done = ready.has(userId);
  return (
    <button
      type="button"
      className={`btn ready-toggle${done ? ' on' : ''}${big ? ' ws-tap' : ''}`}
      aria-pressed={done}
      title={done ? t('readiness.doneHint') : undefined}
      disabled={!canWrite}
      onClick={() => dispatch(setReadyAction, { ready: !done })}
      data-testid="ready-toggle"
    >
      {done ? t('readiness.doneOn') : t('readiness.done')}
    </button>
  );
}
