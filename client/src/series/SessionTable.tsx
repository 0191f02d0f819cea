import { useTranslation } from 'react-i18next';
import { DEFAULT_CATEGORIES } from '../../../shared/board/schema';
import type { Series } from '../../../shared/api/series';

const dateOf = (ms: number, lang: string) => new Date(ms).toLocaleDateString(lang.startsWith('ja') ? 'ja-JP' : 'en-GB', { year: 'numeric', month: 'short', day: 'numeric' });

/** Each session with its notes per support, and a total row: the 集計 as the organiser reads it on screen. */
export function SessionTable({ boards }: { boards: Series['boards'] }) {
  const { t, i18n } = useTranslation();
  const sum = (pick: (b: Series['boards'][number]) => number) => boards.reduce((n, b) => n + pick(b), 0);
  return (
    <section className="card" aria-labelledby="series-sessions">
      <h2 id="series-sessions">{t('series.sessions')}</h2>
      {boards.length === 0 ? (
        <p className="muted">{t('series.noSessions')}</p>
      ) : (
        <div className="series-table-wrap">
          <table className="series-table" data-testid="series-sessions">
            <thead>
              <tr>
                <th scope="col">{t('series.session')}</th>
                <th scope="col" className="series-date">
                  {t('series.createdAt')}
                </th>
                {DEFAULT_CATEGORIES.map((c) => (
                  <th scope="col" key={c} className={`num cat-${c}`}>
                    {t(`category.${c}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('series.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {boards.map((b) => (
                <tr key={b.boardId} data-testid="series-session">
                  <th scope="row">
                    <a href={b.link} target="_blank" rel="noopener" data-testid="series-session-link">
                      {b.title}
                    </a>
                  </th>
                  <td className="series-date">{dateOf(b.createdAt, i18n.language)}</td>
                  {DEFAULT_CATEGORIES.map((c) => (
                    <td key={c} className="num" data-category={c}>
                      {b.counts[c]}
                    </td>
                  ))}
                  <td className="num" data-testid="series-session-total">
                    {b.noteCount}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('series.sum')}</th>
                <td className="series-date" />
                {DEFAULT_CATEGORIES.map((c) => (
                  <td key={c} className="num" data-category={c}>
                    {sum((b) => b.counts[c])}
                  </td>
                ))}
                <td className="num">{sum((b) => b.noteCount)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
