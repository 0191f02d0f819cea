import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { LIMITS } from '../../../shared/board';
import { useNoteTextBox } from '../editor/useNoteTextBox';
import { ImeTextarea } from './ImeTextarea';

/**
 * Editing one's note on the phone: what is typed reaches the note as it is typed, what others type
 * shows in the box meanwhile. Done (or Enter) closes it once everything fits; Cancel takes back what
 * this person typed, and only that.
 */
export function PhoneNoteEditor({ doc, noteId, onClose }: { doc: Y.Doc; noteId: string; onClose(): void }) {
  const { t } = useTranslation();
  const box = useNoteTextBox(doc, noteId, { onGone: onClose });
  const done = () => {
    if (box.finish()) onClose();
    else box.ref.current?.focus();
  };
  const cancel = () => {
    box.takeBack();
    onClose();
  };
  const problemId = `phone-edit-problem-${noteId}`;
  return (
    <>
      <ImeTextarea
        ref={box.ref}
        {...box.events}
        onSubmit={done}
        rows={3}
        aria-label={t('ws.phone.text')}
        aria-invalid={box.over}
        aria-describedby={problemId}
        data-testid="phone-edit-text"
        enterKeyHint="done"
      />
      <div id={problemId} className={`ws-counter${box.over ? ' over' : ''}`} aria-live="polite">
        <span data-testid="phone-edit-count">{t('ws.phone.counter', { count: box.length, max: LIMITS.noteTextMax })}</span>
        {box.over && (
          <strong role="alert" data-testid="phone-edit-too-long">
            {t('editor.overLimit', { max: LIMITS.noteTextMax, count: box.length - LIMITS.noteTextMax })}
          </strong>
        )}
      </div>
      <div className="ws-note-actions">
        <button type="button" className="btn primary ws-tap" onClick={done} data-testid="phone-done">
          {t('ws.phone.done')}
        </button>
        <button type="button" className="btn ws-tap" onClick={cancel} data-testid="phone-cancel">
          {t('ws.phone.cancel')}
        </button>
      </div>
    </>
  );
}
