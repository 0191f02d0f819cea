import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../board/connectionStatus';

/** Tells people on a weak town-hall connection whether their notes have reached the others yet. */
export function ConnectionBadge({ status, peers }: { status: ConnectionStatus; peers: number }) {
  const { t } = useTranslation();
  return (
    <div className={`connection-badge ${status}`} data-testid="connection-badge" data-status={status} role="status" title={t(`connection.${status}Hint`)}>
      <span className="dot" aria-hidden />
      <span>{t(`connection.${status}`)}</span>
      {status === 'online' && peers > 0 && <span className="peers">· {t('connection.peers', { count: peers })}</span>}
    </div>
  );
}
