import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { LIMITS } from '../../../shared/board';
import { useNoteTextBox } from '../editor/useNoteTextBox';
import { ImeTextarea } from '../phone/ImeTextarea';

export interface ListNoteEditorProps {
  doc: Y.Doc;
  noteId: string;
  /** The textarea's id, for the label. */
  id: string;
  /** Closed with everything in the note. */
  onDone(): void;
  /** Closed after taking back what this person typed. */
  onCancel(): void;
}

/**
 * Editing a note in the list: typing reaches the note as it is typed, others' typing shows in the box.
 * Enter or Done closes once everything fits (over the limit it stays, with the count in red); Escape or
 * Cancel takes back this person's typing, and only theirs.
 */
export function ListNoteEditor({ doc, noteId, id, onDone, onCancel }: ListNoteEditorProps) {
  const { t } = useTranslation();
  const box = useNoteTextBox(doc, noteId, { onGone: onCancel });
  const done = () => {
    if (box.finish()) onDone();
    else box.ref.current?.focus();
  };
  const cancel = () => {
    box.takeBack();
    onCancel();
  };
  return (
    <div className="list-edit">
      <label htmlFor={`${id}-edit`}>{t('list.editLabel')}</label>
      <ImeTextarea
        ref={box.ref}
        id={`${id}-edit`}
        rows={3}
        {...box.events}
        onSubmit={done}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
        }}
        aria-invalid={box.over}
        aria-describedby={`${id}-count`}
        data-testid="list-edit-text"
      />
      <div id={`${id}-count`} aria-live="polite">
        <p className={box.over ? 'list-problem' : 'muted small'} data-testid="list-edit-count">
          {t('list.counter', { count: box.length, max: LIMITS.noteTextMax })}
        </p>
        {box.over && (
          <p role="alert" className="list-problem" data-testid="list-edit-too-long">
            {t('editor.overLimit', { max: LIMITS.noteTextMax, count: box.length - LIMITS.noteTextMax })}
          </p>
        )}
      </div>
      <div className="list-note-actions">
        <button type="button" className="btn primary" onClick={done} data-testid="list-done">
          {t('list.done')}
        </button>
        <button type="button" className="btn" onClick={cancel} data-testid="list-cancel">
          {t('list.cancel')}
        </button>
      </div>
    </div>
  );
}
