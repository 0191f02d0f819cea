import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../../../shared/board';
import { createBoard, type CreatedBoard } from '../api';
import { saveCreatedLinks } from '../board/storage';
import { openBoardLink } from './openBoardLink';

/** Today at HH:MM on this device's clock, as ISO 8601 with its offset (the hall's time). */
function todayAt(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const d = new Date();
  d.setHours(h ?? 0, m ?? 0, 0, 0);
  const offset = -d.getTimezoneOffset();
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00`;
  return `${local}${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

export function NewBoardForm({ onCreated }: { onCreated(b: CreatedBoard): void }) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('impressions-unclear');
  const [groups, setGroups] = useState(3);
  const [anonymous, setAnonymous] = useState(true);
  const [passcode, setPasscode] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ja = i18n.language.startsWith('ja');

  const submit = async () => {
    setBusy(true);
    setError(null);
    // A popup opened after the await would be blocked; open it now and point it at the board once it exists.
    const tab = window.open('', '_blank');
    try {
      const board = await createBoard({
        title: title.trim() || undefined,
        template,
        groups,
        anonymous,
        ...(passcode.trim() ? { passcode: passcode.trim() } : {}),
        ...(endsAt ? { expiresAt: todayAt(endsAt) } : {}),
      });
      saveCreatedLinks(board);
      onCreated(board);
      openBoardLink(board.links.facilitator, tab);
    } catch (err) {
      tab?.close();
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card new-board"
      data-testid="new-board-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('home.new')}</h2>
      <label>
        {t('home.boardTitle')}
        <input value={title} maxLength={LIMITS.titleMax} onChange={(e) => setTitle(e.target.value)} placeholder={t('home.titlePlaceholder')} data-testid="new-title" />
      </label>
      <label>
        {t('home.template')}
        <select value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)} data-testid="new-template">
          {TEMPLATE_IDS.map((id) => (
            <option key={id} value={id}>
              {ja ? TEMPLATES[id].ja : TEMPLATES[id].en}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('home.groups')}
        <input
          type="number"
          min={1}
          max={LIMITS.groupsMax}
          value={groups}
          disabled={template === 'blank'}
          onChange={(e) => setGroups(Math.min(LIMITS.groupsMax, Math.max(1, Number(e.target.value) || 1)))}
          data-testid="new-groups"
        />
      </label>
      <label>
        {t('home.passcode')}
        <input value={passcode} maxLength={64} onChange={(e) => setPasscode(e.target.value)} placeholder={t('home.passcodePlaceholder')} data-testid="new-passcode" />
      </label>
      <label>
        {t('home.endsAt')}
        <input type="time" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} data-testid="new-ends-at" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="new-anonymous" />
        {t('home.anonymous')}
      </label>
      {error && (
        <p className="error" role="alert">
          {t('home.error', { message: error })}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={busy} data-testid="new-submit">
        {busy ? t('home.creating') : t('home.create')}
      </button>
    </form>
  );
}
