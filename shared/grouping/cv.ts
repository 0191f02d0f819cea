import { createModel, type ModelParams } from './model';
import type { LabelledExample, Taxonomy } from './types';

/** Stratified k-fold cross-validation, so no note is scored by a model that was fitted on it. */

export interface Scores {
  accuracy: number;
  macroF1: number;
  perCategory: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  n: number;
}

export function score(gold: readonly string[], pred: readonly string[], categories: readonly string[]): Scores {
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) correct++;
  const perCategory: Scores['perCategory'] = {};
  let f1sum = 0;
  let counted = 0;
  for (const c of categories) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const support = tp + fn;
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perCategory[c] = { precision, recall, f1, support };
    if (support > 0 || tp + fp > 0) {
      f1sum += f1;
      counted++;
    }
  }
  return { accuracy: gold.length ? correct / gold.length : 0, macroF1: counted ? f1sum / counted : 0, perCategory, n: gold.length };
}

/** A small deterministic PRNG so folds are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fold index per example: each category is shuffled and dealt round-robin over the folds. */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 1): number[] {
  const rand = mulberry32(seed);
  const fold = new Array<number>(labels.length).fill(0);
  const byCat = new Map<string, number[]>();
  labels.forEach((l, i) => byCat.set(l, [...(byCat.get(l) ?? []), i]));
  let offset = 0;
  for (const cat of [...byCat.keys()].sort()) {
    const idx = byCat.get(cat)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((ex, i) => (fold[ex] = (i + offset) % k));
    offset += idx.length;
  }
  return fold;
}

export type Variant = 'lexicon+nb' | 'lexicon-only' | 'nb-only' | 'majority';

/** Predictions for every example, each from a model fitted on the other folds only. */
export function crossValidatedPredictions(
  examples: readonly LabelledExample[],
  opts: { k?: number; seed?: number; variant?: Variant; taxonomy?: Taxonomy; params?: Partial<ModelParams> } = {},
): string[] {
  const k = opts.k ?? 5;
  const variant = opts.variant ?? 'lexicon+nb';
  const folds = stratifiedFolds(
    examples.map((e) => e.category),
    k,
    opts.seed ?? 1,
  );
  const pred = new Array<string>(examples.length).fill('');
  const emptyTaxonomy = (t: Taxonomy): Taxonomy => ({
    ...t,
    synonyms: {},
    categories: t.categories.map((c) => ({ ...c, seedTerms: [], weakTerms: [] })),
  });
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    if (variant === 'majority') {
      const counts = new Map<string, number>();
      for (const e of train) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
      const major = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      examples.forEach((_, i) => folds[i] === f && (pred[i] = major));
      continue;
    }
    const base = opts.taxonomy;
    const model = createModel({
      taxonomy: variant === 'nb-only' ? emptyTaxonomy(base ?? createModel({ training: 'none' }).taxonomy) : base,
      training: variant === 'lexicon-only' ? 'none' : train,
      params: variant === 'nb-only' ? { fallbackBias: 0, ...opts.params } : opts.params,
    });
    examples.forEach((e, i) => {
      if (folds[i] === f) pred[i] = model.classify(e.text).category;
    });
  }
  return pred;
}
