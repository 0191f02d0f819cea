import { useTranslation } from 'react-i18next';
import type { ShareLinks } from '../board/storage';
import { QrCode } from './QrCode';
import { CopyLink } from './CopyLink';

/** For the facilitator to project: the participant QR code, big enough to scan from the back of a hall. */
export function SharePanel({ links, onClose }: { links: ShareLinks; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal share" onClick={(e) => e.stopPropagation()} data-testid="share-panel">
        <h2>{t('share.title')}</h2>
        <QrCode text={links.participant} size={280} label={t('links.participant')} />
        <CopyLink label={t('links.participant')} url={links.participant} testId="share-participant" />
        <CopyLink label={t('links.viewer')} url={links.viewer} testId="share-viewer" />
        <div className="modal-actions">
          <button type="button" className="btn primary" onClick={onClose}>
            {t('share.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
