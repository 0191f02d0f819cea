import type { LocalisedLabel } from '../../../shared/grouping';

/** How one category looks on the board: a strong colour for badges and titles, a tint for its region. */
export interface CategoryStyle {
  /** Badge fill and region title/border; white text on it and it on `tint` both pass WCAG AA (4.5:1). */
  strong: string;
  tint: string;
}

const STYLES: Record<string, CategoryStyle> = {
  consultation: { strong: '#1f4e9d', tint: '#e8f0fc' },
  participation: { strong: '#1d6b3a', tint: '#e6f4ea' },
  community: { strong: '#9c4a00', tint: '#fdf0e3' },
  unsorted: { strong: '#545a61', tint: '#f1f3f4' },
};

/** A board's own categories (from an organisation's lexicon) cycle through these. */
const EXTRA: CategoryStyle[] = [
  { strong: '#6a3d9a', tint: '#f3ecfa' },
  { strong: '#00695c', tint: '#e0f2f1' },
  { strong: '#8e2450', tint: '#fbe9f0' },
];

export const BADGE_TEXT = '#ffffff';

export function categoryStyle(category: string): CategoryStyle {
  const known = STYLES[category];
  if (known) return known;
  let h = 0;
  for (const ch of category) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return EXTRA[h % EXTRA.length]!;
}

export const ALL_STYLES: readonly CategoryStyle[] = [...Object.values(STYLES), ...EXTRA];

/** The region titles the issue asks for: Japanese as the title, English as the subtitle. */
const REGION_TITLES: Record<string, LocalisedLabel> = {
  consultation: { ja: '相談支援', en: 'Consultation' },
  participation: { ja: '参加支援', en: 'Participation' },
  community: { ja: '地域づくりに向けた支援', en: 'Community-building' },
  unsorted: { ja: '未分類', en: 'Unsorted' },
};

export function regionTitle(category: string, fromLayout?: LocalisedLabel): LocalisedLabel {
  return REGION_TITLES[category] ?? fromLayout ?? { ja: category, en: category };
}

export const DEFAULT_CATEGORY_IDS = ['consultation', 'participation', 'community', 'unsorted'] as const;
export const isDefaultCategory = (c: string): c is (typeof DEFAULT_CATEGORY_IDS)[number] => (DEFAULT_CATEGORY_IDS as readonly string[]).includes(c);

/** WCAG 2.x contrast ratio of two #rrggbb colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
