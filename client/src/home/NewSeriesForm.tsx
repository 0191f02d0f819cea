import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/board';
import { navigate } from '../route';
import { createSeries } from '../series/seriesApi';
import '../series/strings';
import '../series/series.css';

/** A new series of sessions; its page (where the sessions are made) opens at once, its token in the fragment. */
export function NewSeriesForm() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await createSeries(title.trim());
      navigate(new URL(s.link).pathname + new URL(s.link).hash);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <form
      className="card new-series"
      data-testid="new-series-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('series.homeTitle')}</h2>
      <p className="muted small">{t('series.homeLead')}</p>
      <label>
        {t('series.seriesTitle')}
        <input value={title} required maxLength={LIMITS.titleMax} onChange={(e) => setTitle(e.target.value)} placeholder={t('series.titlePlaceholder')} data-testid="new-series-title" />
      </label>
      {error && (
        <p className="error" role="alert">
          {t('series.createFailed', { message: error })}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={busy} data-testid="new-series-submit">
        {busy ? t('series.creating') : t('series.create')}
      </button>
    </form>
  );
}
