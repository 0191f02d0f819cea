import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QrCode } from '../ui/QrCode';
import { CopyLink } from '../ui/CopyLink';
import { fetchParticipantLink } from './api';

/** The participant link and its QR code; full screen it is sized to be scanned from the back of a hall. */
export function JoinQr({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [full, setFull] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // Closing gives focus back to the button that opened it, not to the page.
  const close = () => {
    setFull(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  useEffect(() => {
    let live = true;
    fetchParticipantLink(boardId, token).then(
      (l) => live && setLink(l),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [boardId, token]);
  if (error) return <p className="error">{error}</p>;
  if (!link) return null;
  // At least 480px, and as large as the projected screen allows.
  const fullSize = Math.max(480, Math.floor(Math.min(window.innerWidth, window.innerHeight) * 0.8));
  return (
    <div className="ws-qr">
      <QrCode text={link} size={200} label={t('ws.facilitator.qrAlt')} />
      <CopyLink label={t('ws.facilitator.participantLink')} url={link} testId="ws-participant-link" />
      <button ref={opener} type="button" className="btn" onClick={() => setFull(true)} data-testid="ws-qr-full">
        {t('ws.facilitator.qrFull')}
      </button>
      {full && (
        <div
          className="ws-qr-full"
          role="dialog"
          aria-modal="true"
          aria-label={t('ws.facilitator.qrAlt')}
          onClick={close}
          onKeyDown={(e) => e.key === 'Escape' && close()}
          data-testid="ws-qr-overlay"
        >
          <QrCode text={link} size={fullSize} label={t('ws.facilitator.qrAlt')} />
          {/* The whole link, token included: typed from the screen it lets someone in, as the QR code does. */}
          <p className="ws-qr-url" data-testid="ws-qr-url">
            {link}
          </p>
          <button type="button" className="btn" autoFocus onClick={close} data-testid="ws-qr-close">
            {t('ws.facilitator.qrClose')}
          </button>
        </div>
      )}
    </div>
  );
}
