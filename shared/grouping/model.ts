import trainingData from './data/training.json';
import { compileLexicon, type CompiledLexicon, type LexiconHit } from './lexicon';
import { DEFAULT_TAXONOMY } from './taxonomy';
import { charBigrams, isContentWord, latinTokens, normalize, wordsWithCompounds } from './text';
import type { LabelledExample, Taxonomy } from './types';

/**
 * The classifier: a hand-written seed lexicon (expanded with Sudachi synonyms) combined with a multinomial
 * naive Bayes over binary features (character bigrams, Intl.Segmenter words, matched lexicon concepts),
 * plus nearest-neighbour votes from the board's manual corrections. Scores are summed per category and
 * turned into probabilities with a softmax; a note whose best category is weak falls back to `unsorted`.
 */
export interface ModelParams {
  /** Laplace smoothing of naive Bayes counts. */
  alpha: number;
  /** Weight of naive Bayes (log-probability relative to uniform) against the lexicon score. */
  nbWeight: number;
  /** Temperature on naive Bayes log-likelihoods (short notes give over-confident sums). */
  nbTemper: number;
  /** How much of the training class prior naive Bayes uses (0 = uniform, 1 = full). */
  priorPower: number;
  /** Score the fallback gets for free: a category must beat this to be chosen. */
  fallbackBias: number;
  /** Softmax sharpness for confidence. */
  sharpness: number;
  /** Below this probability the note is left in the fallback. */
  minConfidence: number;
  /** Weight of a manual correction as a naive Bayes example (few-shot: the board's own labels count more). */
  correctionWeight: number;
  /** Nearest-neighbour vote for a corrected note's category: weight × cosine similarity, from this similarity up. */
  knnWeight: number;
  knnMinSimilarity: number;
  /** Naive Bayes also sees character bigrams (not only words and lexicon concepts). */
  nbBigrams: boolean;
}

export const DEFAULT_PARAMS: ModelParams = {
  alpha: 0.5,
  nbWeight: 0.2,
  nbTemper: 0.2,
  priorPower: 0,
  fallbackBias: 0.6,
  sharpness: 2,
  minConfidence: 0.3,
  correctionWeight: 3,
  knnWeight: 3,
  knnMinSimilarity: 0.3,
  nbBigrams: true,
};

export interface NoteFeatures {
  normalized: string;
  hits: LexiconHit[];
  /** Binary features for naive Bayes. */
  features: string[];
  /** Features for similarity (bigrams and words). */
  simFeatures: string[];
  /** Segmented words and kanji/katakana compounds (for labels). */
  words: string[];
}

export function featurize(lexicon: CompiledLexicon, text: string): NoteFeatures {
  const normalized = normalize(text);
  const hits = lexicon.match(normalized);
  const sim = new Set<string>();
  for (const b of charBigrams(normalized)) sim.add('b:' + b);
  const ws = wordsWithCompounds(normalized);
  for (const w of ws) if (isContentWord(w) && !/^[a-z0-9]/.test(w)) sim.add('w:' + w);
  for (const w of latinTokens(normalized)) if (isContentWord(w)) sim.add('w:' + w);
  const feats = new Set(sim);
  for (const h of hits) feats.add('l:' + h.canonical);
  return { normalized, hits, features: [...feats], simFeatures: [...sim], words: ws };
}

const nbFeatures = (f: NoteFeatures, p: ModelParams): string[] => (p.nbBigrams ? f.features : f.features.filter((x) => !x.startsWith('b:')));

/** Naive Bayes counts: can be copied and extended with more examples. */
export class NaiveBayes {
  docs = new Map<string, number>();
  featureTotals = new Map<string, number>();
  counts = new Map<string, Map<string, number>>();
  vocab = new Set<string>();

  clone(): NaiveBayes {
    const nb = new NaiveBayes();
    nb.docs = new Map(this.docs);
    nb.featureTotals = new Map(this.featureTotals);
    for (const [c, m] of this.counts) nb.counts.set(c, new Map(m));
    nb.vocab = new Set(this.vocab);
    return nb;
  }

  add(category: string, features: readonly string[], weight = 1): void {
    this.tables = null;
    this.docs.set(category, (this.docs.get(category) ?? 0) + weight);
    let m = this.counts.get(category);
    if (!m) this.counts.set(category, (m = new Map()));
    for (const f of features) {
      m.set(f, (m.get(f) ?? 0) + weight);
      this.vocab.add(f);
    }
    this.featureTotals.set(category, (this.featureTotals.get(category) ?? 0) + features.length * weight);
  }

  get trained(): boolean {
    return this.docs.size > 0;
  }

  private tables: Map<string, { table: Map<string, number>; unseen: number }> | null = null;
  private tableAlpha = NaN;

  /** log P(f|c) for every feature seen in c, and the value for features not seen in c (cached until the next add). */
  private logTables(alpha: number): Map<string, { table: Map<string, number>; unseen: number }> {
    if (this.tables && this.tableAlpha === alpha) return this.tables;
    const V = this.vocab.size;
    const tables = new Map<string, { table: Map<string, number>; unseen: number }>();
    for (const [c, m] of this.counts) {
      const denom = Math.log((this.featureTotals.get(c) ?? 0) + alpha * V);
      const table = new Map<string, number>();
      for (const [f, n] of m) table.set(f, Math.log(n + alpha) - denom);
      tables.set(c, { table, unseen: Math.log(alpha) - denom });
    }
    this.tables = tables;
    this.tableAlpha = alpha;
    return tables;
  }

  /** Log posterior per trained category (normalised), or an empty map when untrained or nothing is known. */
  logPosterior(features: readonly string[], p: ModelParams): Map<string, number> {
    const out = new Map<string, number>();
    if (this.docs.size === 0) return out;
    const known = features.filter((f) => this.vocab.has(f));
    if (known.length === 0) return out;
    let totalDocs = 0;
    for (const n of this.docs.values()) totalDocs += n;
    const tables = this.logTables(p.alpha);
    for (const [c, n] of this.docs) {
      const t = tables.get(c)!;
      let ll = 0;
      for (const f of known) ll += t.table.get(f) ?? t.unseen;
      out.set(c, p.nbTemper * ll + p.priorPower * Math.log(n / totalDocs));
    }
    let max = -Infinity;
    for (const v of out.values()) max = Math.max(max, v);
    let z = 0;
    for (const v of out.values()) z += Math.exp(v - max);
    for (const [c, v] of out) out.set(c, v - max - Math.log(z));
    return out;
  }

  /** Features of this note that speak most for a category (for reasons). */
  topFeatures(features: readonly string[], category: string, p: ModelParams, n: number): string[] {
    const m = this.counts.get(category);
    if (!m) return [];
    const V = this.vocab.size;
    const inC = (f: string): number => ((m.get(f) ?? 0) + p.alpha) / ((this.featureTotals.get(category) ?? 0) + p.alpha * V);
    let allCount = 0;
    for (const t of this.featureTotals.values()) allCount += t;
    const inAll = (f: string): number => {
      let s = 0;
      for (const mm of this.counts.values()) s += mm.get(f) ?? 0;
      return (s + p.alpha) / (allCount + p.alpha * V);
    };
    return features
      .filter((f) => (m.get(f) ?? 0) >= 1)
      .map((f) => ({ f, r: Math.log(inC(f) / inAll(f)) }))
      .filter((x) => x.r > 0.3)
      .sort((a, b) => b.r - a.r)
      .slice(0, n)
      .map((x) => x.f);
  }
}

export interface ModelScore {
  category: string;
  confidence: number;
  reasons: string[];
  probabilities: Record<string, number>;
}

interface Neighbour {
  sim: Map<string, number>;
  norm: number;
  category: string;
  text: string;
}

function vectorOf(features: readonly string[]): { sim: Map<string, number>; norm: number } {
  const sim = new Map<string, number>();
  for (const f of features) sim.set(f, (sim.get(f) ?? 0) + (f.startsWith('w:') ? 2 : 1));
  let n = 0;
  for (const v of sim.values()) n += v * v;
  return { sim, norm: Math.sqrt(n) };
}

function cosine(a: { sim: Map<string, number>; norm: number }, b: { sim: Map<string, number>; norm: number }): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.sim.size < b.sim.size ? [a.sim, b.sim] : [b.sim, a.sim];
  let dot = 0;
  for (const [f, v] of small) {
    const w = large.get(f);
    if (w) dot += v * w;
  }
  return dot / (a.norm * b.norm);
}

const shortText = (s: string, n = 24): string => (Array.from(s).length > n ? Array.from(s).slice(0, n).join('') + '…' : s);

export class Model {
  readonly categoryIds: string[];
  private neighbours: Neighbour[] = [];

  constructor(
    readonly taxonomy: Taxonomy,
    readonly lexicon: CompiledLexicon,
    readonly nb: NaiveBayes,
    readonly params: ModelParams,
  ) {
    const ids = taxonomy.categories.map((c) => c.id);
    if (!ids.includes(taxonomy.fallback)) ids.push(taxonomy.fallback);
    this.categoryIds = ids;
  }

  featurize(text: string): NoteFeatures {
    return featurize(this.lexicon, text);
  }

  /** A copy of this model that has also learnt from the given examples (e.g. the board's manual corrections). */
  withCorrections(examples: readonly LabelledExample[]): Model {
    const valid = examples.filter((e) => this.categoryIds.includes(e.category));
    if (valid.length === 0) return this;
    const nb = this.nb.clone();
    const m = new Model(this.taxonomy, this.lexicon, nb, this.params);
    m.neighbours = [...this.neighbours];
    for (const e of valid) {
      const f = this.featurize(e.text);
      if (f.features.length === 0) continue;
      nb.add(e.category, nbFeatures(f, this.params), this.params.correctionWeight);
      m.neighbours.push({ ...vectorOf(f.simFeatures), category: e.category, text: e.text });
    }
    return m;
  }

  classify(text: string, pre?: NoteFeatures): ModelScore {
    const p = this.params;
    const f = pre ?? this.featurize(text);
    const fallback = this.taxonomy.fallback;
    const uniform = Object.fromEntries(this.categoryIds.map((c) => [c, c === fallback ? 1 : 0]));
    if (f.features.length === 0) return { category: fallback, confidence: 1, reasons: [], probabilities: uniform };

    const lex = this.lexicon.score(f.hits);
    const nb = this.nb.logPosterior(nbFeatures(f, p), p);
    const nbBase = nb.size > 0 ? -Math.log(nb.size) : 0;
    const knn = new Map<string, { s: number; text: string }>();
    const v = this.neighbours.length > 0 ? vectorOf(f.simFeatures) : null;
    if (v) for (const n of this.neighbours) {
      const s = cosine(v, n);
      if (s < p.knnMinSimilarity) continue;
      const prev = knn.get(n.category);
      if (!prev || prev.s < s) knn.set(n.category, { s, text: n.text });
    }

    const scores = new Map<string, number>();
    for (const c of this.categoryIds) {
      let s = lex.get(c)?.score ?? 0;
      if (c === fallback) s += p.fallbackBias;
      const lp = nb.get(c);
      if (lp !== undefined) s += p.nbWeight * (lp - nbBase);
      const k = knn.get(c);
      if (k) s += p.knnWeight * k.s;
      scores.set(c, s);
    }
    let best = fallback;
    for (const c of this.categoryIds) if ((scores.get(c) ?? -Infinity) > (scores.get(best) ?? -Infinity)) best = c;
    let max = -Infinity;
    for (const s of scores.values()) max = Math.max(max, s);
    let z = 0;
    for (const s of scores.values()) z += Math.exp(p.sharpness * (s - max));
    const probabilities: Record<string, number> = {};
    for (const [c, s] of scores) probabilities[c] = Math.exp(p.sharpness * (s - max)) / z;
    let confidence = probabilities[best] ?? 0;
    let lowConfidence = false;
    if (best !== fallback && confidence < p.minConfidence) {
      lowConfidence = true;
      best = fallback;
      confidence = probabilities[fallback] ?? 0;
    }

    const reasons: string[] = [];
    const seen = new Set<string>();
    const push = (r: string): void => {
      if (!seen.has(r) && reasons.length < 5) {
        seen.add(r);
        reasons.push(r);
      }
    };
    for (const h of lex.get(best)?.hits ?? []) push(h.surface === h.canonical ? h.surface : `${h.surface} (≈${h.canonical})`);
    const k = knn.get(best);
    if (k) push(`≈「${shortText(k.text)}」`);
    if (reasons.length < 2 && nb.size > 0 && !lowConfidence) {
      for (const ft of this.nb.topFeatures(nbFeatures(f, p), best, p, 3)) {
        if (ft.startsWith('w:')) push(ft.slice(2));
      }
    }
    return { category: best, confidence, reasons, probabilities };
  }
}

/** What a model is built from. */
export interface ModelOptions {
  taxonomy?: Taxonomy;
  /** Labelled examples for naive Bayes; 'default' = the bundled dev notes; 'none' = lexicon only. */
  training?: readonly LabelledExample[] | 'default' | 'none';
  params?: Partial<ModelParams>;
}

export const DEFAULT_TRAINING: readonly LabelledExample[] = trainingData as LabelledExample[];

export function createModel(opts: ModelOptions = {}): Model {
  const taxonomy = opts.taxonomy ?? DEFAULT_TAXONOMY;
  const params = { ...DEFAULT_PARAMS, ...(opts.params ?? {}) };
  const lexicon = compileLexicon(taxonomy);
  const nb = new NaiveBayes();
  const training = opts.training === 'none' ? [] : opts.training === 'default' || !opts.training ? DEFAULT_TRAINING : opts.training;
  const ids = new Set([...taxonomy.categories.map((c) => c.id), taxonomy.fallback]);
  for (const e of training) {
    if (!ids.has(e.category)) continue;
    nb.add(e.category, nbFeatures(featurize(lexicon, e.text), params));
  }
  return new Model(taxonomy, lexicon, nb, params);
}

let cachedDefault: Model | null = null;
/** The shipped default: the default taxonomy's lexicon plus naive Bayes trained on the bundled dev notes. */
export function defaultModel(): Model {
  return (cachedDefault ??= createModel());
}
