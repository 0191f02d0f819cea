import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, NoteInputError } from '../../../shared/board';
import { ImeTextarea } from '../phone/ImeTextarea';

/**
 * Writes a note into one section. Enter adds (an Enter that confirms an IME conversion never does),
 * Shift+Enter breaks the line; the text stays in the box whenever it could not be added.
 */
export function AddNoteForm({ sectionLabel, onAdd }: { sectionLabel: string; onAdd(text: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tooLong = text.length > LIMITS.noteTextMax;
  const submit = () => {
    if (!text.trim() || tooLong) return;
    try {
      onAdd(text.trim());
      setText('');
      setError(null);
    } catch (err) {
      if (!(err instanceof NoteInputError)) throw err;
      setError(err.message);
    }
  };
  const problem = tooLong ? t('list.tooLong', { max: LIMITS.noteTextMax }) : error;
  return (
    <form
      className="list-add"
      data-testid="list-add"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-text`}>{t('list.addTo', { section: sectionLabel })}</label>
      <ImeTextarea
        id={`${id}-text`}
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onSubmit={submit}
        aria-invalid={!!problem}
        aria-describedby={`${id}-hint`}
        data-testid="list-add-text"
      />
      <p id={`${id}-hint`} className={problem ? 'list-problem' : 'muted small'} role={problem ? 'alert' : undefined}>
        {problem ?? t('list.enterHint', { count: text.length, max: LIMITS.noteTextMax })}
      </p>
      <button type="submit" className="btn primary" disabled={!text.trim() || tooLong} data-testid="list-add-submit">
        {t('list.add')}
      </button>
    </form>
  );
}
