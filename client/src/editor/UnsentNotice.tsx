import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/board';
import { unsentLength } from './unsentTyping';

/**
 * Says the device still holds typing the note could not take (over the limit when the editor closed or
 * the page was reloaded), so the author knows to open the editor, where it comes back, and shorten it.
 */
export function UnsentNotice({ noteId, className }: { noteId: string; className?: string }) {
  const { t } = useTranslation();
  const length = unsentLength(noteId);
  if (length === null) return null;
  return (
    <p className={className} data-testid="unsent-notice">
      {t('editor.unsentKept', { count: length, max: LIMITS.noteTextMax })}
    </p>
  );
}
