import { useEffect, useState } from 'react';

/** The screens of the app. A router library would be more than these few paths need. */
export type Route =
  | { name: 'home' }
  | { name: 'board'; boardId: string; token: string | null }
  | { name: 'series'; seriesId: string; token: string | null }
  | { name: 'notFound' };

const BOARD_PATH = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/;
const SERIES_PATH = /^\/s\/([A-Za-z0-9_-]{1,64})\/?$/;

export function parseRoute(loc: Pick<Location, 'pathname' | 'search'> & Partial<Pick<Location, 'hash'>>): Route {
  if (loc.pathname === '/' || loc.pathname === '/index.html') return { name: 'home' };
  const m = BOARD_PATH.exec(loc.pathname);
  if (m) return { name: 'board', boardId: m[1]!, token: new URLSearchParams(loc.search).get('token') };
  // The series token rides in the fragment, which the browser never sends to the server.
  const s = SERIES_PATH.exec(loc.pathname);
  if (s) return { name: 'series', seriesId: s[1]!, token: new URLSearchParams((loc.hash ?? '').replace(/^#/, '')).get('token') };
  return { name: 'notFound' };
}

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}
