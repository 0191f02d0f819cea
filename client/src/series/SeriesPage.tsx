import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './strings';
import './series.css';
import type { Series, SeriesNote } from '../../../shared/api/series';
import { fetchSeries, fetchSeriesNotes } from './seriesApi';
import { SessionTable } from './SessionTable';
import { SeriesNotes } from './SeriesNotes';
import { NewSessionForm } from './NewSessionForm';
import { SeriesExports } from './SeriesExports';
import { CopyLink } from '../ui/CopyLink';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { saveSeriesToken, seriesLinkOf, seriesToken } from './token';

type Loaded = { series: Series; notes: SeriesNote[] };

/** The organiser's page of a series: its sessions with their counts per support, every note, the exports. */
export function SeriesPage({ seriesId, token: urlToken }: { seriesId: string; token: string | null }) {
  const { t } = useTranslation();
  const [token] = useState(() => urlToken ?? seriesToken(seriesId));
  useEffect(() => {
    if (!urlToken) return;
    saveSeriesToken(seriesId, urlToken);
    window.history.replaceState(null, '', `/s/${seriesId}`);
  }, [seriesId, urlToken]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!token) return;
      try {
        const [series, notes] = await Promise.all([fetchSeries(seriesId, token, signal), fetchSeriesNotes(seriesId, token, signal)]);
        setLoaded({ series, notes });
        setError(null);
      } catch (err) {
        if (!signal?.aborted) setError(err instanceof Error ? err.message : String(err));
      }
    },
    [seriesId, token],
  );

  useEffect(() => {
    const ctl = new AbortController();
    void load(ctl.signal);
    return () => ctl.abort();
  }, [load]);

  if (!token) return <main className="page-message">{t('series.noToken')}</main>;
  return (
    <main className="series-page" data-testid="series-page">
      <header className="home-header series-header">
        <a className="brand" href="/">
          付箋
        </a>
        <h1 data-testid="series-title">{loaded?.series.title ?? t('series.loading')}</h1>
        <button type="button" className="btn" onClick={() => void load()} data-testid="series-refresh">
          {t('series.refresh')}
        </button>
        <LanguageSwitch />
      </header>
      {error && (
        <p className="error" role="alert">
          {t('series.loadFailed', { message: error })}
        </p>
      )}
      <section className="card">
        <CopyLink label={t('series.link')} url={seriesLinkOf(seriesId, token)} testId="series-link" />
        <p className="muted small">{t('series.linkHint')}</p>
      </section>
      {loaded && (
        <>
          <SessionTable boards={loaded.series.boards} />
          <div className="series-tools">
            <NewSessionForm seriesId={seriesId} token={token} onCreated={() => void load()} />
            <SeriesExports seriesId={seriesId} token={token} />
          </div>
          <SeriesNotes notes={loaded.notes} />
        </>
      )}
    </main>
  );
}
