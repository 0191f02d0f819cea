import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadSeries } from './seriesApi';

/** The series' downloads: the workbook (集計 and each session's 付箋記入記録), one CSV of every note, and the Word report. */
export function SeriesExports({ seriesId, token }: { seriesId: string; token: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: 'xlsx' | 'csv' | 'docx') => {
    setBusy(true);
    setError(null);
    try {
      await downloadSeries(seriesId, token, format);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="series-exports">
      <h2 id="series-exports">{t('series.exports')}</h2>
      <div className="row">
        {(['xlsx', 'csv', 'docx'] as const).map((f) => (
          <button key={f} type="button" className="btn" disabled={busy} onClick={() => void download(f)} data-testid={`series-export-${f}`}>
            {t(`series.${f}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="error" role="alert">
          {t('series.exportFailed', { message: error })}
        </p>
      )}
    </section>
  );
}
