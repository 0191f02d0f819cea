import { useTranslation } from 'react-i18next';

export function LockedBanner({ facilitator, ended = false }: { facilitator: boolean; ended?: boolean }) {
  const { t } = useTranslation();
  const text = ended ? (facilitator ? t('locked.endedFacilitator') : t('locked.ended')) : facilitator ? t('locked.facilitator') : t('locked.participant');
  return (
    <div className="banner locked" role="status" data-testid={ended ? 'ended-banner' : 'locked-banner'}>
      {text}
    </div>
  );
}
