import { useTranslation } from 'react-i18next';
import type { FatalReason } from './connectionStatus';
import { PasscodeForm } from '../join/PasscodeForm';

/** A link that cannot work (wrong token, deleted board): say so plainly instead of retrying forever. */
export function BoardProblem({ reason, boardId }: { reason: FatalReason; boardId?: string }) {
  const { t } = useTranslation();
  if (reason === 'passcode' && boardId) return <PasscodeForm boardId={boardId} />;
  return (
    <main className="page-message" role="alert" data-testid="board-problem" data-reason={reason}>
      <h1>{t(`problem.${reason}.title`)}</h1>
      <p>{t(`problem.${reason}.body`)}</p>
      <a className="btn" href="/">
        {t('notFound.home')}
      </a>
    </main>
  );
}
