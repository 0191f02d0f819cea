import { lazy, Suspense, useEffect, useState } from 'react';
import { CANVAS_PAGE_LATER, loadBoardPage, loadPhonePage } from '../chunks';
import { warmWhenIdle } from '../offline/warmCache';
import { usePhoneLayout } from './layout';
import { startsAsList } from '../list/preference';
import { RouteLoading } from '../ui/RouteLoading';

// Separate chunks: a phone loads the form view and never the canvas, the canvas page never the form.
const BoardPage = lazy(() => loadBoardPage().then((m) => ({ default: m.BoardPage })));
const PhonePage = lazy(() => loadPhonePage().then((m) => ({ default: m.PhonePage })));

/** The board route: the form view on a phone (or `?view=phone`), the canvas everywhere else. */
export function BoardRoute({ boardId, urlToken }: { boardId: string; urlToken: string | null }) {
  const phone = usePhoneLayout();
  // Read before the board page drops the query string from the address bar.
  const [list] = useState(() => startsAsList(window.location.search));
  // The canvas page keeps its later parts for offline use. A phone and the list view keep only what they
  // run: fetching the canvas or the exports (Konva) for them would be the full download they are spared.
  useEffect(() => warmWhenIdle(phone || list ? [] : CANVAS_PAGE_LATER), [phone, list]);
  return (
    <Suspense fallback={<RouteLoading />}>
      {phone ? <PhonePage boardId={boardId} urlToken={urlToken} /> : <BoardPage boardId={boardId} urlToken={urlToken} />}
    </Suspense>
  );
}
