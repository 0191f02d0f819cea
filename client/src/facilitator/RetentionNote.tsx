import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../../../shared/api/contract';
import { formatJst } from '../../../shared/export/table';
import { ApiError, request } from '../api';
import './auditStrings';

const dateOf = (iso: string) => formatJst(Date.parse(iso)).slice(0, 10);

/** On a server with RETENTION_DAYS: when the board will be deleted if left unchanged, and a way to put it off. */
export function RetentionNote({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const [until, setUntil] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    const ask = new AbortController();
    request(API.boardInfo, { params: { boardId }, token, signal: ask.signal }).then(
      (info) => setUntil(info.deleteAfter ?? null),
      () => undefined,
    );
    return () => ask.abort();
  }, [boardId, token]);
  if (!until) return null;
  const extend = () =>
    request(API.extendRetention, { params: { boardId }, token }).then(
      (r) => {
        setUntil(r.deleteAfter);
        setMessage({ text: t('audit.retention.extended', { date: dateOf(r.deleteAfter) }), error: false });
      },
      (e: Error) =>
        setMessage({ text: e instanceof ApiError && e.status === 409 ? t('audit.retention.once') : t('audit.retention.failed', { message: e.message }), error: true }),
    );
  return (
    <div data-testid="retention">
      <p>{t('audit.retention.until', { date: dateOf(until) })}</p>
      <button type="button" className="btn" onClick={() => void extend()}>
        {t('audit.retention.extend')}
      </button>
      {message && (
        <p className={message.error ? 'error' : undefined} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
