import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { API, type PrivateCountsSchema } from '../../../shared/api/contract';
import { request } from '../api';
import './strings';
import './private.css';

type Counts = z.infer<typeof PrivateCountsSchema>;

/** How often the counts are asked for while the panel is open: writing alone takes minutes, not seconds. */
const REFRESH_MS = 5_000;

/**
 * The facilitator's side of private writing: the switch (the server enforces it), how many private notes
 * each person and each group holds — never what they say — and reveal: all, or one group's.
 */
export function PrivateWritingPanel({ boardId, token, on }: { boardId: string; token: string; on: boolean }) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [message, setMessage] = useState('');
  const [wanted, setWanted] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (wanted === on) setWanted(null);
  }, [wanted, on]);
  const refresh = useCallback(() => {
    request(API.privateCounts, { params: { boardId }, token }).then(setCounts, () => {});
  }, [boardId, token]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, on]);
  const fail = (err: unknown) => setMessage(t('private.failed', { message: (err as Error).message }));
  const toggle = (next: boolean) => {
    setWanted(next);
    request(API.settings, { params: { boardId }, token, body: { privateWriting: next } }).catch((err: unknown) => {
      setWanted(null);
      fail(err);
    });
  };
  const reveal = (group?: string) => {
    setBusy(true);
    setMessage('');
    request(API.reveal, { params: { boardId }, token, body: group ? { group } : {} })
      .then((r) => setMessage(t('private.revealed', { count: r.revealed })), fail)
      .finally(() => {
        setBusy(false);
        refresh();
      });
  };
  return (
    <div className="private-panel" data-testid="private-panel">
      <label className="mod-toggle">
        <input type="checkbox" checked={wanted ?? on} disabled={wanted !== null} onChange={(e) => toggle(e.target.checked)} data-testid="private-toggle" />
        {t('private.toggle')}
      </label>
      <p className="mod-hint">{t('private.hint')}</p>
      <p data-testid="private-total">{counts && counts.total > 0 ? t('private.total', { count: counts.total }) : t('private.none')}</p>
      {counts && counts.total > 0 && (
        <>
          <ul className="private-counts" data-testid="private-groups">
            {counts.groups.map((g) => (
              <li key={g.group ?? ''}>
                {g.group ? t('private.group', { group: g.group, count: g.count }) : t('private.noGroup', { count: g.count })}{' '}
                {g.group && (
                  <button type="button" className="btn" disabled={busy} onClick={() => reveal(g.group!)} data-testid={`private-reveal-${g.group}`}>
                    {t('private.revealGroup', { group: g.group })}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <ul className="private-counts" data-testid="private-people">
            {counts.people.map((p, i) => (
              <li key={p.authorId}>{p.author ? t('private.person', { name: p.author, count: p.count }) : t('private.anonymousPerson', { n: i + 1, count: p.count })}</li>
            ))}
          </ul>
          <button type="button" className="btn primary" disabled={busy} onClick={() => reveal()} data-testid="private-reveal-all">
            {t('private.revealAll')}
          </button>
        </>
      )}
      {message && (
        <p className="muted" aria-live="polite" data-testid="private-message">
          {message}
        </p>
      )}
    </div>
  );
}
