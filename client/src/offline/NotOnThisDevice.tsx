import { useTranslation } from 'react-i18next';
import type { BoardConnection } from '../board/useBoardConnection';
import { ConnectionBadge } from '../ui/ConnectionBadge';

/**
 * Offline, a board this device has never had: no role, no title and no notes are known. An empty
 * read-only board would look like a board nobody wrote on; say what is going on instead.
 */
export function notOnThisDevice(conn: Pick<BoardConnection, 'info' | 'status'>, noteCount: number): boolean {
  return conn.status === 'offline' && conn.info === null && noteCount === 0;
}

/** Shown until the connection is back; the board then opens by itself (the connection keeps retrying). */
export function NotOnThisDevice() {
  const { t } = useTranslation();
  return (
    <main className="page-message" data-testid="board-not-here">
      <h1>{t('offline.notHere.title')}</h1>
      <p>{t('offline.notHere.body')}</p>
      <ConnectionBadge status="offline" peers={0} />
    </main>
  );
}
