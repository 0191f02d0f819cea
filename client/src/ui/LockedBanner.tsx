import { useTranslation } from 'react-i18next';

export function LockedBanner({ facilitator }: { facilitator: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="banner locked" role="status" data-testid="locked-banner">
      {facilitator ? t('locked.facilitator') : t('locked.participant')}
    </div>
  );
}
