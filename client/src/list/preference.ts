const KEY = 'fusen.view';

/**
 * Whether the board opens as the list: `?view=list` in the link, else the person's last choice in this
 * browser (a screen-reader user should not have to switch on every visit).
 */
export function startsAsList(search: string): boolean {
  const forced = new URLSearchParams(search).get('view');
  if (forced === 'list') return true;
  if (forced === 'board') return false;
  try {
    return localStorage.getItem(KEY) === 'list';
  } catch {
    return false;
  }
}

export function rememberListView(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'list' : 'board');
  } catch {
    // storage disabled: the choice lasts as long as the page
  }
}
