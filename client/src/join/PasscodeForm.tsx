import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { storedPasscode, storePasscode } from './passcode';

/**
 * The board asks participants for a passcode: asked once, kept for the tab's session, and the page
 * opened again with it. A code that was tried already and refused is said to be wrong.
 */
export function PasscodeForm({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const tried = storedPasscode(boardId);
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return;
    storePasscode(boardId, code.trim());
    window.location.reload();
  };
  return (
    <main className="page-message" data-testid="board-problem" data-reason="passcode">
      <h1>{t('problem.passcode.title')}</h1>
      <p>{t('problem.passcode.body')}</p>
      {tried && (
        <p className="error" role="alert">
          {t('problem.passcode.wrong')}
        </p>
      )}
      <form onSubmit={submit} className="passcode-form">
        <label>
          {t('problem.passcode.label')}
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="text" autoFocus data-testid="passcode-input" />
        </label>
        <button type="submit" className="btn primary" data-testid="passcode-submit">
          {t('problem.passcode.submit')}
        </button>
      </form>
    </main>
  );
}
