/** Types of the auto-grouping module. Everything here is plain JSON-serialisable data. */

export interface LocalisedLabel {
  ja: string;
  en: string;
}

/**
 * One category of a taxonomy. `seedTerms` are words or phrases that, found in a note, count for the category
 * (Japanese: matched as substrings after NFKC normalisation; English: matched word by word with a light stemmer).
 * `weakTerms` are suggestive but ambiguous hints (e.g. つながり, 地域) that count for less.
 */
export interface TaxonomyCategory {
  id: string;
  label: LocalisedLabel;
  description: string;
  seedTerms: string[];
  weakTerms?: string[];
}

/**
 * The taxonomy is data. `fallback` is the id given to notes that fit no category well.
 * The fallback may also appear in `categories` with its own seed terms (words that mark a note as off-topic,
 * e.g. the law or the seminar's wording); it then competes like any category and is also the default.
 */
export interface Taxonomy {
  categories: TaxonomyCategory[];
  fallback: string;
  /** Label for the fallback region when the fallback is not listed in `categories`. */
  fallbackLabel?: LocalisedLabel;
  /** Extra synonyms (term → variants), on top of the built-in Sudachi subset in data/synonyms.json. */
  synonyms?: Record<string, string[]>;
}

/** A note as the grouping sees it. */
export interface GroupingNote {
  id: string;
  text: string;
  category?: string;
  categorySource?: 'auto' | 'manual';
}

/** A labelled example for training: a note text and its category. */
export interface LabelledExample {
  text: string;
  category: string;
}

export interface NoteClassification {
  id: string;
  category: string;
  /** 0..1: the model's probability for the chosen category (1 for manual notes). */
  confidence: number;
  /** The terms, in the note's own words, that decided it (or why it was left unsorted). */
  reasons: string[];
  /** True when the category was set by hand and kept. */
  manual: boolean;
  /** Set by the learned classifier: its confidence is below the threshold chosen on the corpus for 0.92 precision. */
  needsReview?: boolean;
}

export interface TopicCluster {
  id: string;
  category: string;
  /** A short label made of words that occur in the cluster's notes. */
  label: string;
  noteIds: string[];
}

export interface GroupingResult {
  /** One entry per input note, in input order. */
  notes: NoteClassification[];
  /** Topic clusters of two or more notes, per category; singletons are not listed. */
  clusters: TopicCluster[];
  /** noteId → clusterId (null for a note left on its own). */
  clusterOf: Record<string, string | null>;
  /** The category order used for layout: the taxonomy's categories, then the fallback. */
  categoryOrder: string[];
  labels: Record<string, LocalisedLabel>;
}
