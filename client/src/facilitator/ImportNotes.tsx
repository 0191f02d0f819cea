import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../../../shared/api/contract';
import { LIMITS, SUMMARY_KIND, type Section } from '../../../shared/board';
import { request } from '../api';
import { useSectionTitle } from '../i18n/sectionTitle';
import './importStrings';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One quoted CSV cell: whatever the note says stays text, quotes and line breaks included. */
const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The pasted lines as the CSV the import route reads, every note to the chosen group and column. */
export function pastedAsCsv(lines: readonly string[], group: string, column: string): string {
  return ['text,group,column', ...lines.map((l) => [l, group, column].map(cell).join(','))].join('\r\n') + '\r\n';
}

const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function typeOf(file: File): string | null {
  if (/\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE) return XLSX_TYPE;
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') return 'text/csv';
  return null;
}

/**
 * Paper notes typed up after a hall session, or a sheet from an earlier one, onto the board: a paste box
 * (one note per line) with a preview, or a CSV / Excel file. The server checks the whole file first and
 * adds all of it or nothing, so a message here always means nothing changed.
 */
export function ImportNotes({ boardId, token, sections }: { boardId: string; token: string; sections: readonly Section[] }) {
  const { t } = useTranslation();
  const titleOf = useSectionTitle();
  const id = useId();
  const [text, setText] = useState('');
  const groups = [...new Set(sections.map((s) => s.group))].sort();
  const [group, setGroup] = useState(groups[0] ?? '');
  const [column, setColumn] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const lines = linesOf(text);
  const tooLong = lines.filter((l) => l.length > LIMITS.noteTextMax);
  const columns = sections.filter((s) => s.group === group && s.kind !== SUMMARY_KIND).sort((a, b) => a.y - b.y || a.x - b.x);

  const send = async (file: { bytes: Blob | string; type: string }, after?: () => void) => {
    setBusy(true);
    setStatus(null);
    try {
      const { imported } = await request(API.importNotes, { params: { boardId }, token, file });
      setStatus({ ok: true, message: t('import.done', { count: imported }) });
      after?.();
    } catch (err) {
      setStatus({ ok: false, message: t('import.failed', { message: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const onFile = (file: File | undefined) => {
    if (!file) return;
    const type = typeOf(file);
    if (!type) return setStatus({ ok: false, message: t('import.notCsv') });
    void send({ bytes: file, type });
  };

  return (
    <div className="import-notes" data-testid="import-notes">
      <label htmlFor={`${id}-paste`}>{t('import.paste')}</label>
      <textarea id={`${id}-paste`} rows={4} value={text} placeholder={t('import.pastePlaceholder')} onChange={(e) => setText(e.target.value)} data-testid="import-paste" />
      <div className="ws-row">
        <label>
          {t('import.group')}{' '}
          <select
            value={group}
            onChange={(e) => {
              setGroup(e.target.value);
              setColumn('');
            }}
            data-testid="import-group"
          >
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
            <option value="">{t('import.noGroup')}</option>
          </select>
        </label>
        {group && (
          <label>
            {t('import.column')}{' '}
            <select value={column} onChange={(e) => setColumn(e.target.value)} data-testid="import-column">
              <option value="">{t('import.firstColumn')}</option>
              {columns.map((s) => (
                <option key={s.id} value={s.kind}>
                  {titleOf(s)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {lines.length > 0 && (
        <div className="import-preview" data-testid="import-preview">
          <p>{t('import.preview', { count: lines.length })}</p>
          <ol>
            {lines.slice(0, 50).map((l, i) => (
              <li key={i} className={l.length > LIMITS.noteTextMax ? 'import-too-long' : undefined}>
                {l.length > 80 ? `${l.slice(0, 80)}…` : l}
                {l.length > LIMITS.noteTextMax && <strong> {t('import.tooLong', { count: l.length })}</strong>}
              </li>
            ))}
          </ol>
        </div>
      )}
      <button
        type="button"
        className="btn"
        disabled={busy || lines.length === 0 || tooLong.length > 0}
        onClick={() => void send({ bytes: pastedAsCsv(lines, group, column), type: 'text/csv' }, () => setText(''))}
        data-testid="import-submit"
      >
        {lines.length ? t('import.importPasted', { count: lines.length }) : t('import.importNothing')}
      </button>
      <label className="import-file">
        {t('import.file')}
        <input type="file" accept=".csv,.xlsx,text/csv" disabled={busy} onChange={(e) => onFile(e.target.files?.[0])} data-testid="import-file" />
      </label>
      <p className="import-hint">{t('import.fileHint')}</p>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'import-done' : 'import-failed'} data-testid="import-status">
          {status.message}
        </p>
      )}
    </div>
  );
}
