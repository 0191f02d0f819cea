import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { API, type AuditSchema } from '../../../shared/api/contract';
import { formatJst } from '../../../shared/export/table';
import { request } from '../api';
import './auditStrings';

type Entry = z.infer<typeof AuditSchema>['entries'][number];

/** The board's audit log for the facilitator: loaded when opened, newest first. */
export function AuditLogView({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setError(null);
    request(API.audit, { params: { boardId }, token }).then(
      (r) => setEntries([...r.entries].reverse()),
      (e: Error) => setError(t('audit.failed', { message: e.message })),
    );
  };
  return (
    <details onToggle={(e) => (e.currentTarget.open && entries === null ? load() : undefined)} data-testid="audit-log">
      <summary>{t('audit.title')}</summary>
      <button type="button" className="btn" onClick={load}>
        {t('audit.refresh')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {entries?.length === 0 && <p>{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{formatJst(e.at).slice(5, 16)}</td>
                <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                <td>{t(`audit.roles.${e.role}`, { defaultValue: e.role })}</td>
                <td>{Object.entries(e.detail).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
