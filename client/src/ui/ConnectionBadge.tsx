import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../board/connectionStatus';

/** Tells people on a weak town-hall connection whether their notes have reached the others yet. */
/** `peers`: the people on the board, oneself included (see peopleHere); shown once someone else is there too. */
export function ConnectionBadge({ status, peers, unsent = false }: { status: ConnectionStatus; peers: number; unsent?: boolean }) {
  const { t } = useTranslation();
  const waiting = unsent && status !== 'online';
  return (
    <div
      className={`connection-badge ${status}`}
      data-testid="connection-badge"
      data-status={status}
      data-unsent={waiting}
      role="status"
      title={waiting ? t('offline.pending') : t(`connection.${status}Hint`)}
    >
      <span className="dot" aria-hidden />
      <span>{t(`connection.${status}`)}</span>
      {waiting && <span className="saved-here">· {t('offline.savedHere')}</span>}
      {status === 'online' && peers > 1 && (
        <span className="peers" title={t('connection.peersHint')} data-testid="people-here">
          · {t('connection.peers', { count: peers })}
        </span>
      )}
    </div>
  );
}
