import { useEffect, useState } from 'react';

/** Phones (portrait, or landscape with a touch screen) get the form view; `?view=phone|board|list` forces one. */
export const PHONE_QUERY = '(max-width: 600px), (max-height: 500px) and (pointer: coarse)';

export function choosePhoneView(search: string, narrow: boolean): boolean {
  const forced = new URLSearchParams(search).get('view');
  if (forced === 'phone') return true;
  // The list view is the accessible board on any screen, phones included.
  if (forced === 'board' || forced === 'list') return false;
  return narrow;
}

export function usePhoneLayout(): boolean {
  // Read once: the board page drops the query string from the address bar after it opens.
  const [search] = useState(() => window.location.search);
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(PHONE_QUERY).matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.(PHONE_QUERY);
    if (!mq) return;
    const onChange = () => setNarrow(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return choosePhoneView(search, narrow);
}
