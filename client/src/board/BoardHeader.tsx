import { useTranslation } from 'react-i18next';
import { ReadyButton } from '../readiness/ReadyButton';
import type * as Y from 'yjs';
import type { BoardView, Role } from '../../../shared/board';
import { showListAction, useDispatch } from '../actions';
import { Timer } from '../agenda/Timer';
import { ExportMenu } from '../export/ExportMenu';
import { LockToggle } from '../facilitator/LockToggle';
import { ConnectionBadge } from '../ui/ConnectionBadge';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { LockedBanner } from '../ui/LockedBanner';
import type { ConnectionStatus } from './connectionStatus';
import { useSession, type BoardSession } from './session';

export interface BoardHeaderProps {
  boardId: string;
  token: string | null;
  doc: Y.Doc | null;
  view: BoardView;
  session: BoardSession;
  title: string;
  role: Role | null;
  /** Who this person is (for 書き終わった), and whether they may write now. */
  userId: string | null;
  canWrite: boolean;
  facilitator: boolean;
  /** The facilitator made this board on this device and has its links (the Join QR). */
  hasLinks: boolean;
  /** A participant on a board with groups: their identity is a group and a name, changed in the join dialog. */
  asksGroup: boolean;
  /** Changing one's identity opens the join dialog or the name prompt. */
  onIdentity(): void;
  connection: { status: ConnectionStatus; peers: number; unsent: boolean };
}

/** The skip link, the header bar and the lock banners above the board. */
export function BoardHeader(p: BoardHeaderProps) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const { listView, name, group } = useSession(p.session);
  const { role, view, facilitator } = p;
  return (
    <>
      <a
        className="skip-link"
        href="#list-view"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          dispatch(showListAction, { on: true, focus: true });
        }}
      >
        {listView ? t('list.skipToNotes') : t('list.skipToList')}
      </a>
      <header className="board-header">
        <a className="brand" href="/" aria-label={t('home.title')}>
          付箋
        </a>
        <h1 className="board-title" title={p.title}>
          {p.title}
        </h1>
        {role && <span className={`role-badge ${role}`}>{t(`role.${role}`)}</span>}
        <div className="header-spacer" />
        <Timer doc={p.doc} />
        <ReadyButton doc={p.doc} userId={p.userId} role={role} canWrite={p.canWrite} />
        {facilitator && <LockToggle locked={view.meta.locked} place="header" />}
        {p.hasLinks && (
          <button type="button" className="btn" onClick={() => p.session.set({ sharing: true })} data-testid="share-open">
            {t('share.open')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => dispatch(showListAction, { on: !listView })} data-testid="list-toggle">
          {listView ? t('list.hide') : t('list.show')}
        </button>
        <ExportMenu boardId={p.boardId} token={p.token} role={role} view={view} doc={p.doc} />
        {role && role !== 'viewer' && (
          <button type="button" className="btn subtle" onClick={p.onIdentity} title={t(p.asksGroup ? 'ws.join.title' : 'name.title')} data-testid="identity-button">
            {name || t('presence.anonymous')}
            {group && <span data-testid="my-group"> · {t('list.group', { group })}</span>}
          </button>
        )}
        <LanguageSwitch />
        <ConnectionBadge status={p.connection.status} peers={p.connection.peers} unsent={p.connection.unsent} />
      </header>
      {view.meta.locked && role !== 'viewer' && <LockedBanner facilitator={facilitator} />}
      {view.meta.sessionEnded && !view.meta.locked && role !== 'viewer' && <LockedBanner facilitator={facilitator} ended />}
    </>
  );
}
