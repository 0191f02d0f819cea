import { clusterCategory, DEFAULT_CLUSTER_OPTIONS, documentFrequencies, labelCandidates, type ClusterItem, type ClusterOptions } from './cluster';
import { createModel, defaultModel, type Model, type NoteFeatures } from './model';
import type { GroupingNote, GroupingResult, LabelledExample, LocalisedLabel, NoteClassification, Taxonomy, TopicCluster } from './types';

export interface GroupOptions {
  /** A prepared model; by default the shipped one (lexicon + naive Bayes on the bundled dev notes). */
  model?: Model;
  /** Builds a model for this taxonomy (with the bundled training data) when `model` is not given. */
  taxonomy?: Taxonomy;
  /** Labelled examples learnt before classifying, in addition to the notes marked `categorySource: 'manual'`. */
  corrections?: readonly LabelledExample[];
  cluster?: Partial<ClusterOptions>;
  /**
   * Another classifier for the categories (e.g. the server's learned one), made from the board's corrections;
   * clustering still uses `model`'s features. Its answers carry `needsReview`.
   */
  classifier?: (corrections: readonly LabelledExample[]) => (text: string, features: NoteFeatures) => ExternalAnswer;
}

export interface ExternalAnswer {
  category: string;
  confidence: number;
  reasons: string[];
  needsReview: boolean;
}

const modelCache = new WeakMap<Taxonomy, Model>();

function baseModel(opts: GroupOptions): Model {
  if (opts.model) return opts.model;
  if (!opts.taxonomy) return defaultModel();
  let m = modelCache.get(opts.taxonomy);
  if (!m) modelCache.set(opts.taxonomy, (m = createModel({ taxonomy: opts.taxonomy })));
  return m;
}

const isManual = (n: GroupingNote): boolean =>
  n.categorySource === 'manual' && typeof n.category === 'string' && n.category.length > 0;

/**
 * Classifies every note and finds topic clusters inside each category.
 * Notes with `categorySource: 'manual'` keep their category and teach the model first (naive Bayes counts and
 * nearest-neighbour votes), so a facilitator's corrections change the answer for similar notes.
 */
export function groupNotes(notes: readonly GroupingNote[], opts: GroupOptions = {}): GroupingResult {
  const base = baseModel(opts);
  const safe = notes.map((n) => ({ ...n, id: String(n.id), text: typeof n.text === 'string' ? n.text : '' }));
  const corrections: LabelledExample[] = [
    ...(opts.corrections ?? []),
    ...safe.filter(isManual).map((n) => ({ text: n.text, category: n.category! })),
  ];
  const model = base.withCorrections(corrections);
  const features: NoteFeatures[] = safe.map((n) => model.featurize(n.text));

  const external = opts.classifier?.(corrections);
  const out: NoteClassification[] = safe.map((n, i) => {
    if (isManual(n)) return { id: n.id, category: n.category!, confidence: 1, reasons: ['manual'], manual: true, ...(external ? { needsReview: false } : {}) };
    if (external) {
      const r = external(n.text, features[i]!);
      return { id: n.id, category: r.category, confidence: Math.round(r.confidence * 1000) / 1000, reasons: r.reasons, manual: false, needsReview: r.needsReview };
    }
    const r = model.classify(n.text, features[i]);
    return { id: n.id, category: r.category, confidence: Math.round(r.confidence * 1000) / 1000, reasons: r.reasons, manual: false };
  });

  // Topic clusters per category.
  const copts = { ...DEFAULT_CLUSTER_OPTIONS, ...(opts.cluster ?? {}) };
  const df = documentFrequencies(features);
  const termDf = new Map<string, number>();
  const items: ClusterItem[] = safe.map((n, i) => ({ id: n.id, text: n.text, features: features[i]! }));
  for (const it of items) for (const w of labelCandidates(it.text, it.features)) termDf.set(w, (termDf.get(w) ?? 0) + 1);

  // Taxonomy order, then categories only manual notes use, then the fallback last.
  const fallback = model.taxonomy.fallback;
  const categoryOrder = model.categoryIds.filter((c) => c !== fallback);
  for (const c of out) if (c.category !== fallback && !categoryOrder.includes(c.category)) categoryOrder.push(c.category);
  categoryOrder.push(fallback);
  const clusters: TopicCluster[] = [];
  const clusterOf: Record<string, string | null> = {};
  for (const n of safe) clusterOf[n.id] = null;
  for (const cat of categoryOrder) {
    const inCat = items.filter((_, i) => out[i]!.category === cat && features[i]!.features.length > 0);
    const raw = clusterCategory(inCat, df, termDf, safe.length, copts);
    raw.forEach((c, k) => {
      const id = `${cat}-${k + 1}`;
      clusters.push({ id, category: cat, label: c.label, noteIds: c.noteIds });
      for (const nid of c.noteIds) clusterOf[nid] = id;
    });
  }

  const labels: Record<string, LocalisedLabel> = {};
  for (const c of model.taxonomy.categories) labels[c.id] = c.label;
  labels[fallback] ??= model.taxonomy.fallbackLabel ?? { ja: '未分類', en: 'Unsorted' };
  for (const c of categoryOrder) labels[c] ??= { ja: c, en: c };
  return { notes: out, clusters, clusterOf, categoryOrder, labels };
}
