import { BoardPage } from '../board/BoardPage';
import { PhonePage } from './PhonePage';
import { usePhoneLayout } from './layout';

/** The board route: the form view on a phone (or `?view=phone`), the canvas everywhere else. */
export function BoardRoute({ boardId, urlToken }: { boardId: string; urlToken: string | null }) {
  return usePhoneLayout() ? <PhonePage boardId={boardId} urlToken={urlToken} /> : <BoardPage boardId={boardId} urlToken={urlToken} />;
}
