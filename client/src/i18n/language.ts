export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const isLanguage = (v: string | null | undefined): v is Language => v === 'ja' || v === 'en';

export interface LanguageSources {
  /** `location.search`: `?lang=ja|en` in any link wins, so an organiser can send advisers an English link. */
  search: string;
  /** What this tab was forced to earlier (the board page drops the query string from the address bar). */
  forced: string | null;
  /** The person's own choice from the language switch. */
  saved: string | null;
  /** `navigator.languages`, most preferred first. */
  browser: readonly string[];
}

/**
 * Which language to start in: a `?lang=` in the link, else the tab's earlier forced choice, else the
 * person's saved choice, else the first of the browser's languages we speak; Japanese when none match.
 */
export function pickLanguage(s: LanguageSources): Language {
  const fromLink = new URLSearchParams(s.search).get('lang');
  if (isLanguage(fromLink)) return fromLink;
  if (isLanguage(s.forced)) return s.forced;
  if (isLanguage(s.saved)) return s.saved;
  for (const tag of s.browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'ja';
}

/** `?lang=` as given in the link, if it names a language we speak. */
export function languageInLink(search: string): Language | null {
  const v = new URLSearchParams(search).get('lang');
  return isLanguage(v) ? v : null;
}
