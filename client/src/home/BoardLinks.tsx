import { useTranslation } from 'react-i18next';
import type { CreatedBoard } from '../api';
import { CopyLink } from '../ui/CopyLink';
import { QrCode } from '../ui/QrCode';
import { openBoardLink } from './openBoardLink';

/** The three links of a new board. Only the facilitator link grants facilitation: keep it to yourself. */
export function BoardLinks({ board, onAnother }: { board: CreatedBoard; onAnother(): void }) {
  const { t } = useTranslation();
  return (
    <section className="card board-links" data-testid="board-links">
      <h2>{t('links.title')}</h2>
      <CopyLink label={t('links.facilitator')} url={board.links.facilitator} testId="link-facilitator" />
      <p className="muted small">{t('links.facilitatorHint')}</p>
      <CopyLink label={t('links.participant')} url={board.links.participant} testId="link-participant" />
      <CopyLink label={t('links.viewer')} url={board.links.viewer} testId="link-viewer" />
      <div className="qr-row">
        <QrCode text={board.links.participant} size={180} label={t('links.participant')} />
        <p className="muted small">{t('links.qrHint')}</p>
      </div>
      <div className="row">
        <button type="button" className="btn primary" onClick={() => openBoardLink(board.links.facilitator, null)} data-testid="open-facilitator">
          {t('links.open')}
        </button>
        <button type="button" className="btn" onClick={onAnother}>
          {t('links.another')}
        </button>
      </div>
    </section>
  );
}
