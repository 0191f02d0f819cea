import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../../../shared/api/contract';
import { formatJst } from '../../../shared/export/table';
import { request } from '../api';
import './auditStrings';

const timeOf = (iso: string) => formatJst(Date.parse(iso)).slice(5, 16);

/** The session's passcode and end as the facilitator set them, and ending it for participants at once. */
export function SessionControls({ boardId, token, ended }: { boardId: string; token: string; ended: boolean }) {
  const { t } = useTranslation();
  const [info, setInfo] = useState<{ passcode: boolean; expiresAt?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ask = new AbortController();
    request(API.boardInfo, { params: { boardId }, token, signal: ask.signal }).then(setInfo, () => undefined);
    return () => ask.abort();
  }, [boardId, token, ended]);
  const end = () => {
    if (!window.confirm(t('audit.session.confirm'))) return;
    request(API.endSession, { params: { boardId }, token }).then(
      (r) => setInfo((i) => ({ passcode: i?.passcode ?? false, expiresAt: r.expiresAt })),
      (e: Error) => setError(t('audit.session.failed', { message: e.message })),
    );
  };
  const over = ended || (info?.expiresAt !== undefined && Date.parse(info.expiresAt) <= Date.now());
  return (
    <div data-testid="session-controls">
      {info?.passcode && <p>{t('audit.session.passcode')}</p>}
      {info?.expiresAt && <p>{t(over ? 'audit.session.ended' : 'audit.session.endsAt', { time: timeOf(info.expiresAt) })}</p>}
      {!over && (
        <button type="button" className="btn" onClick={end} data-testid="session-end">
          {t('audit.session.end')}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
