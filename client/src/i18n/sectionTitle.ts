import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { sectionTitleIn, type Section } from '../../../shared/board';

/** A section's title in the page's language only (templates store both: see sectionTitleIn). */
export function useSectionTitle(): (s: Pick<Section, 'title' | 'kind' | 'group'>) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'ja';
  return useCallback((s) => sectionTitleIn(s, lang), [lang]);
}
