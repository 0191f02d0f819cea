import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CATEGORIES } from '../../../shared/board/schema';
import type { SeriesNote } from '../../../shared/api/series';

type View = 'support' | 'cluster';

/** Buckets in first-seen order, with `first` ids always present (even empty) and leading. */
function bucket(notes: readonly SeriesNote[], keyOf: (n: SeriesNote) => string, first: readonly string[] = []): [string, SeriesNote[]][] {
  const out = new Map<string, SeriesNote[]>(first.map((k) => [k, []]));
  for (const n of notes) out.set(keyOf(n), [...(out.get(keyOf(n)) ?? []), n]);
  return [...out];
}

function NoteItem({ note, tag }: { note: SeriesNote; tag?: string }) {
  return (
    <li className={`series-note cat-${note.category}`} data-testid="series-note">
      <span className="series-note-text">{note.text}</span>
      <span className="series-note-meta">
        <span className="series-session-tag" data-testid="series-note-session">
          {note.sessionTitle}
        </span>
        {tag && <span className="series-cat-tag">{tag}</span>}
      </span>
    </li>
  );
}

/** Every note of every session, by support or by cluster, each with its session. */
export function SeriesNotes({ notes }: { notes: readonly SeriesNote[] }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('support');
  const label = (c: string) => t(`category.${c}`, { defaultValue: c });
  const buckets =
    view === 'support'
      ? bucket(notes, (n) => n.category, DEFAULT_CATEGORIES).map(([c, list]) => ({ key: c, title: label(c), list, className: `cat-${c}` }))
      : bucket(notes, (n) => n.clusterLabel)
          .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : 0))
          .map(([c, list]) => ({ key: c || '-', title: c || t('series.noCluster'), list, className: '' }));
  return (
    <section className="card" aria-labelledby="series-notes">
      <div className="series-notes-head">
        <h2 id="series-notes">{t('series.notes')}</h2>
        <div className="series-tabs" role="group" aria-label={t('series.notes')}>
          {(['support', 'cluster'] as const).map((v) => (
            <button key={v} type="button" className={`btn${view === v ? ' primary' : ''}`} aria-pressed={view === v} onClick={() => setView(v)} data-testid={`series-view-${v}`}>
              {t(v === 'support' ? 'series.bySupport' : 'series.byCluster')}
            </button>
          ))}
        </div>
      </div>
      {notes.length === 0 ? (
        <p className="muted">{t('series.noNotes')}</p>
      ) : (
        <div className="series-buckets">
          {buckets.map((b) => (
            <section key={b.key} className={`series-bucket ${b.className}`} data-testid="series-bucket" data-key={b.key}>
              <h3>
                {b.title} <span className="muted small">{t('series.count', { count: b.list.length })}</span>
              </h3>
              <ul>
                {b.list.map((n) => (
                  <NoteItem key={`${n.boardId}/${n.noteId}`} note={n} tag={view === 'cluster' ? label(n.category) : undefined} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
