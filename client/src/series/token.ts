/**
 * The series token, kept for the tab once read from the link's fragment, so the address bar (a projected
 * screen, a screenshot) does not carry it, as board pages do with theirs.
 */
const key = (seriesId: string) => `fusen.seriesToken.${seriesId}`;

export function seriesToken(seriesId: string): string | null {
  try {
    return sessionStorage.getItem(key(seriesId));
  } catch {
    return null; // storage disabled
  }
}

export function saveSeriesToken(seriesId: string, token: string): void {
  try {
    sessionStorage.setItem(key(seriesId), token);
  } catch {
    // storage disabled: the token lasts as long as the page
  }
}

export const seriesLinkOf = (seriesId: string, token: string): string => `${window.location.origin}/s/${seriesId}#token=${token}`;
